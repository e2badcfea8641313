package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command end to end on a small case, and its refusal of an unknown case; no timing is asserted. */
class BenchCommandTest {

    @Test
    void writesTableAndJson(@TempDir Path out) throws Exception {
        int code = Main.run("bench", "--cases", "realnvp-2,sgemm", "--sgemm-size", "256", "--warmup", "1",
                "--iterations", "3", "--rounds", "2", "--no-reference", "--out", out.toString());
        assertEquals(0, code);
        String table = Files.readString(out.resolve("bench.md"));
        // without OPENBLAS_NUM_THREADS, a model under 1M parameters trains with one BLAS thread, the roofline with all
        String chosen = System.getenv(FastestSettings.BLAS_THREADS);
        String flowThreads = chosen == null ? "1" : chosen;
        assertTrue(table.contains("| realnvp-2 | dl4j-lvm | " + flowThreads + " | 256 |"), table);
        assertTrue(table.contains("PyTorch reference not measured: skipped (--no-reference)"), table);
        Map<String, Object> json = Metrics.read(out.resolve("bench.json"));
        List<?> rows = (List<?>) json.get("measurements");
        assertEquals(2, rows.size());
        Map<?, ?> flow = (Map<?, ?>) rows.get(0);
        assertEquals(6, flow.get("iterations"), "two rounds of three iterations, pooled");
        assertEquals(Integer.parseInt(flowThreads), flow.get("threads"));
        // 8 couplings of 2 -> 128 -> 128 -> 4 with biases, 6 FLOP per parameter and example
        long parameters = 8L * (2 * 128 + 128 + 128 * 128 + 128 + 128 * 4 + 4);
        assertEquals(6.0 * parameters * 256, ((Number) flow.get("flop_per_iteration")).doubleValue(), 1e-6);
        assertTrue(((Map<?, ?>) json.get("settings")).containsKey("nd4j_native_build"));
    }

    /**
     * An end-to-end case runs the flow command in a child JVM, as a user does, and reports the speed of its training
     * loop from its metrics.json; the NaN guard is timed beside the isolated step.
     */
    @Test
    void trainingRunsAreTheCommandsOwn(@TempDir Path out) throws Exception {
        int code = Main.run("bench", "--cases", "train-realnvp-2,realnvp-2", "--train-iterations", "40", "--warmup", "1",
                "--iterations", "3", "--rounds", "1", "--no-reference", "--out", out.toString());
        assertEquals(0, code);
        Map<String, Object> metrics = Metrics.read(out.resolve("runs/train-realnvp-2-1/metrics.json"));
        assertEquals("flow", metrics.get("command"));
        assertEquals(40, metrics.get("iterations"));
        double speed = ((Number) metrics.get("train_examples_per_sec")).doubleValue();
        String table = Files.readString(out.resolve("bench.md"));
        assertTrue(table.contains(String.format("| train-realnvp-2 | dl4j-lvm | BLAS %s | 1 | %.0f (%.0f - %.0f) |",
                metrics.get("blas_threads"), speed, speed, speed)), table);
        assertTrue(table.contains("| train-realnvp-2: examples / s dl4j-lvm / PyTorch's best | n/a | >= 1.20 |"), table);
        Map<?, ?> ratios = (Map<?, ?>) Metrics.read(out.resolve("bench.json")).get("ratios");
        double guard = ((Number) ratios.get("realnvp-2_guard_share_of_step")).doubleValue();
        assertTrue(guard > 0 && guard < 1, "the guard's share of a step: " + guard);
    }

    /**
     * The PyTorch side of a training run runs at each of {@code --reference-threads}, and the ratio stands against the
     * fastest: a fake Python whose training script reports 100 examples/s at one thread and 400 at two.
     */
    @Test
    void trainingRunsStandAgainstPyTorchAtItsBest(@TempDir Path out) throws Exception {
        Path python = out.resolve("fake-python");
        Files.writeString(python, "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then exit 0; fi\n"
                + "if [ \"$3\" = \"2\" ]; then n=400; else n=100; fi\n"
                + "echo \"{\\\"examples\\\": $n, \\\"seconds\\\": 1}\"\n");
        assertTrue(python.toFile().setExecutable(true));
        int code = Main.run("bench", "--cases", "train-realnvp-2", "--train-iterations", "20", "--rounds", "1",
                "--python", python.toString(), "--reference-threads", "1,2", "--out", out.toString());
        assertEquals(0, code);
        String table = Files.readString(out.resolve("bench.md"));
        assertTrue(table.contains("| train-realnvp-2 | PyTorch | torch 1, BLAS "), table);
        assertTrue(table.contains("| train-realnvp-2 | PyTorch | torch 2, BLAS "), table);
        double ours = ((Number) Metrics.read(out.resolve("runs/train-realnvp-2-1/metrics.json"))
                .get("train_examples_per_sec")).doubleValue();
        Map<?, ?> training = (Map<?, ?>) Metrics.read(out.resolve("bench.json")).get("training_runs");
        Map<?, ?> ratios = (Map<?, ?>) training.get("ratios");
        assertEquals(ours / 400, ((Number) ratios.get("train-realnvp-2_examples_per_second_over_pytorch")).doubleValue(),
                1e-9 * ours);
        assertTrue(table.contains("dl4j-lvm / PyTorch's best (torch 2, BLAS "), table);
    }

    /** A Python that imports torch but whose script fails: our rows are still written, with the reason. */
    @Test
    void aFailingReferenceIsReportedNotFatal(@TempDir Path out) throws Exception {
        Path python = out.resolve("fake-python");
        Files.writeString(python, "#!/bin/sh\nif [ \"$1\" = \"-c\" ]; then exit 0; fi\necho boom >&2\nexit 3\n");
        assertTrue(python.toFile().setExecutable(true));
        int code = Main.run("bench", "--cases", "realnvp-2", "--warmup", "0", "--iterations", "1",
                "--python", python.toString(), "--out", out.toString());
        assertEquals(0, code);
        String table = Files.readString(out.resolve("bench.md"));
        assertTrue(table.contains("| realnvp-2 | dl4j-lvm | "), table);
        assertTrue(table.contains("the PyTorch script failed: bench_reference.py failed with exit code 3"), table);
    }

    @Test
    void anUnknownCaseIsOneLine() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "bench", "--cases", "gan");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("error: --cases: expected some of [train-vae,"), err.toString());
        assertEquals(1, err.toString().trim().split("\n").length, err.toString());
    }
}
