package org.dl4jlvm.examples;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every training command shares: logging, checkpoints, resuming, early stopping, the dashboard. */
final class TrainingOptions {
    @Option(names = "--log-every", defaultValue = "100", paramLabel = "N",
            description = "Log the parts of the objective every N iterations, also to OUT/objective.csv (default: ${DEFAULT-VALUE}).")
    int logEvery = 100;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N",
            description = "Save the model with its updater state to OUT/checkpoints every N iterations (0: never; default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue an interrupted run from the checkpoint in DIR (its OUT/checkpoints); give the same options.")
    Path resume;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "PATIENCE",
            description = "Score held-out data after every round, stop after PATIENCE rounds without improvement and keep "
                    + "the best model (0: off; default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--ui", description = "Serve DL4J's training dashboard at http://localhost:PORT/train/overview.")
    boolean ui;

    @Option(names = "--ui-port", defaultValue = "9000", paramLabel = "PORT",
            description = "Port of the training dashboard (default: ${DEFAULT-VALUE}).")
    int uiPort = 9000;

    /** Fails with a message naming the option when a value is out of range. */
    void check() {
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every: expected at least 1, found " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every: expected 0 (never) or more, found " + checkpointEvery);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--early-stopping: expected 0 (off) or more, found " + patience);
        }
        if (uiPort < 1 || uiPort > 65535) {
            throw new IllegalArgumentException("--ui-port: expected a port between 1 and 65535, found " + uiPort);
        }
        if (resume != null && patience > 0) {
            throw new IllegalArgumentException("--resume: cannot be combined with --early-stopping, whose best score is not checkpointed");
        }
        if (resume != null && !java.nio.file.Files.isDirectory(resume)) {
            throw new IllegalArgumentException("--resume: expected a folder of checkpoints, found no folder " + resume.toAbsolutePath());
        }
    }
}
