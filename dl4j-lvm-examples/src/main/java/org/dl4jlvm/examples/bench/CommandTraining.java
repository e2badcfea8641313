package org.dl4jlvm.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.examples.ChildJvm;
import org.dl4jlvm.examples.Metrics;

/**
 * Our side of an end-to-end case: the command run in a child JVM exactly as a user runs it (this JVM's options and
 * environment, the CLI's own settings), its training speed read from the {@code metrics.json} it writes.
 */
public final class CommandTraining {
    private CommandTraining() {
    }

    /** Runs {@code trainingCase}'s command with its output and log in {@code folder}; one round. */
    public static Throughput run(TrainingCase trainingCase, Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        List<String> args = new ArrayList<>(trainingCase.command());
        args.add("--out");
        args.add(folder.toString());
        Path log = folder.resolve("command.log");
        Process process = ChildJvm.likeThisJvm(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IOException(trainingCase.name() + ": '" + String.join(" ", trainingCase.command())
                    + "' failed with exit code " + process.exitValue() + "; its output is in " + log);
        }
        Map<String, Object> metrics = Metrics.read(folder.resolve("metrics.json"));
        double seconds = number(metrics, "train_seconds");
        return Throughput.of(trainingCase.name(), Measurement.DL4J, "BLAS " + metrics.get("blas_threads"),
                number(metrics, "train_examples_per_sec") * seconds, seconds);
    }

    private static double number(Map<String, Object> metrics, String key) throws IOException {
        Object value = metrics.get(key);
        if (!(value instanceof Number)) {
            throw new IOException("metrics.json: expected a number at " + key + ", found " + value);
        }
        return ((Number) value).doubleValue();
    }
}
