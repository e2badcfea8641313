package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dl4jlvm.training.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL and resumed from its last checkpoint ends where an uninterrupted run ends. Every run is a
 * child JVM started as a user starts the CLI, so all three run under the same settings, whatever this machine's
 * {@code OPENBLAS_CORETYPE}, {@code OMP_NUM_THREADS} and core count are.
 */
class TrainingStateTest {
    private static final int CHECKPOINT_EVERY = 40;

    private static List<String> flowOptions(Path out) {
        return List.of("flow", "--dataset", "moons", "--steps", "4", "--hidden", "32,32", "--iterations", "600", "--batch", "128",
                "--log-every", "20", "--out", out.toString());
    }

    @Test
    void aKilledAndResumedRunReachesTheScoreOfAnUninterruptedOne(@TempDir Path folder) throws Exception {
        Path uninterrupted = folder.resolve("uninterrupted");
        Path uninterruptedLog = folder.resolve("uninterrupted.log");
        assertEquals(0, ChildCli.run(uninterruptedLog, flowOptions(uninterrupted)), () -> CommandOutputs.text(uninterruptedLog));

        Path interrupted = folder.resolve("interrupted");
        List<String> command = new ArrayList<>(flowOptions(interrupted));
        command.addAll(List.of("--checkpoint-every", String.valueOf(CHECKPOINT_EVERY)));
        Process process = ChildCli.builder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("interrupted.log").toFile()).start();
        Path csv = interrupted.resolve("objective.csv");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (lastLoggedIteration(csv) < 300 && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(process.isAlive(), "the run ended before it could be killed: " + Files.readString(folder.resolve("interrupted.log")));
        process.destroyForcibly().waitFor();
        int killedAfter = lastLoggedIteration(csv);

        int checkpointIteration = Checkpoints.load(interrupted.resolve("checkpoints")).getIterationCount();
        assertEquals(0, checkpointIteration % CHECKPOINT_EVERY, "checkpoints land every " + CHECKPOINT_EVERY + " iterations");
        assertTrue(checkpointIteration > killedAfter - CHECKPOINT_EVERY && checkpointIteration <= killedAfter + 20,
                "at most " + CHECKPOINT_EVERY + " iterations lost: killed after " + killedAfter + ", checkpoint at " + checkpointIteration);

        List<String> resume = new ArrayList<>(flowOptions(interrupted));
        resume.addAll(List.of("--checkpoint-every", String.valueOf(CHECKPOINT_EVERY), "--resume", interrupted.resolve("checkpoints").toString()));
        Path resumedLog = folder.resolve("resumed.log");
        assertEquals(0, ChildCli.run(resumedLog, resume), () -> CommandOutputs.text(resumedLog));

        double expected = CommandOutputs.number(CommandOutputs.metrics(uninterrupted), "test_nll_nats");
        double resumed = CommandOutputs.number(CommandOutputs.metrics(interrupted), "test_nll_nats");
        assertEquals(600, CommandOutputs.number(CommandOutputs.metrics(interrupted), "iterations"));
        // flows train without noise and the resumed data order is the same: the runs agree to rounding
        assertEquals(expected, resumed, 1e-6, "test NLL of the resumed run against the uninterrupted one");
    }

    private static int lastLoggedIteration(Path csv) throws Exception {
        if (!Files.exists(csv)) {
            return -1;
        }
        // the child writes while this reads: the file may be empty, and its last line half written
        List<String> lines = Files.readAllLines(csv);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!line.startsWith("iteration") && line.indexOf(',') > 0) {
                return Integer.parseInt(line.substring(0, line.indexOf(',')));
            }
        }
        return -1;
    }
}
