package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timing statistics and the report's ratios on made-up times, where every number is known. */
class BenchReportTest {

    @Test
    void timingGivesMedianMinAndMax() {
        Timing odd = new Timing(5, 1, 3);
        assertEquals(3, odd.median());
        assertEquals(1, odd.min());
        assertEquals(5, odd.max());
        assertEquals(2.5, new Timing(4, 1, 2, 3).median());
        assertThrows(IllegalArgumentException.class, Timing::new);
    }

    @Test
    void roundsArePooledIntoOneMedian() {
        Timing pooled = Timing.pooled(List.of(new Timing(1, 2, 3), new Timing(10, 11)));
        assertEquals(5, pooled.iterations());
        assertEquals(3, pooled.median());
        assertEquals(11, pooled.max());
    }

    @Test
    void measureRunsWarmupPlusIterations() {
        int[] calls = {0};
        Timing timing = Timing.measure(2, 5, () -> calls[0]++);
        assertEquals(7, calls[0]);
        assertEquals(5, timing.iterations());
    }

    private static BenchReport report(boolean withReference) {
        List<Measurement> rows = new java.util.ArrayList<>(List.of(
                new Measurement("vae", Measurement.DL4J, 128, 8e8, new Timing(20, 22, 21), 1),
                new Measurement("vae", Measurement.BUILT_IN, 128, 8e8, new Timing(20, 20, 20), 1),
                new Measurement("sgemm", Measurement.DL4J, 2048, 1.6e10, new Timing(160, 160, 160), 2)));
        if (withReference) {
            rows.add(new Measurement("vae", Measurement.PYTORCH, 128, 8e8, new Timing(10.5, 10.5, 10.5), 1));
        }
        return new BenchReport(rows, Map.of("vae", new Timing(0.2, 0.3, 0.4)), Map.of("OMP_NUM_THREADS", "1"),
                withReference ? null : "no torch here");
    }

    @Test
    void ratiosFollowFromTheMedians() {
        BenchReport report = report(true);
        assertEquals(0.5, report.speedOverPyTorch("vae").getAsDouble(), 1e-12);
        assertEquals(1.05, report.sameDiffCost().getAsDouble(), 1e-12);
        Measurement ours = report.find("vae", Measurement.DL4J).orElseThrow();
        assertEquals(128 * 1000.0 / 21, ours.examplesPerSecond(), 1e-9);
        // 8e8 FLOP in 21 ms against 1.6e10 FLOP in 160 ms
        assertEquals((8e8 / 0.021) / (1.6e10 / 0.160), report.ofRoofline(ours).getAsDouble(), 1e-12);
        String table = report.markdown();
        assertTrue(table.contains("| vae: throughput dl4j-lvm / PyTorch | 0.50 | >= 1.00 |"), table);
        assertTrue(table.contains("| vae: time SameDiff layers / built-in layers | 1.05 | <= 1.05 |"), table);
        assertEquals(0.5, (Double) ((Map<?, ?>) report.toMap().get("ratios")).get("vae_throughput_over_pytorch"), 1e-12);
    }

    @Test
    void theGuardIsAShareOfOurMedianStep() {
        BenchReport report = report(true);
        // 0.3 ms of a 21 ms step
        assertEquals(0.3 / 21, report.guardShare("vae").getAsDouble(), 1e-12);
        assertFalse(report.guardShare("sgemm").isPresent());
        assertTrue(report.markdown().contains("| vae | 0.300 | 1.4% | <= 3% |"), report.markdown());
        assertEquals(0.3 / 21, (Double) ((Map<?, ?>) report.toMap().get("ratios")).get("vae_guard_share_of_step"), 1e-12);
    }

    @Test
    void aMissingReferenceIsSaidNotGuessed() {
        BenchReport report = report(false);
        assertFalse(report.speedOverPyTorch("vae").isPresent());
        assertTrue(report.markdown().contains("| vae: throughput dl4j-lvm / PyTorch | n/a |"));
        assertTrue(report.markdown().contains("PyTorch reference not measured: no torch here"));
        assertEquals("no torch here", report.toMap().get("pytorch_reference"));
    }

    @Test
    void trainingRatiosStandAgainstTheirIssuesGoals() {
        TrainingReport report = new TrainingReport(List.of(
                Throughput.of("train-multiscale", Measurement.DL4J, "BLAS 1", 300, 3),
                Throughput.of("train-multiscale", Measurement.PYTORCH, "torch 1", 200, 1),
                Throughput.of("train-multiscale", Measurement.PYTORCH, "torch 2", 800, 2),
                Throughput.of("train-vae", Measurement.DL4J, "BLAS 1", 90, 1)));
        assertEquals(0.25, report.speedOverPyTorch("train-multiscale").getAsDouble(), 1e-12,
                "against PyTorch's faster setting (400 examples/s), not its first (200)");
        assertFalse(report.speedOverPyTorch("train-vae").isPresent(), "no PyTorch run, no ratio");
        String table = report.markdown();
        assertTrue(table.contains("| train-multiscale: examples / s dl4j-lvm / PyTorch's best (torch 2) | 0.25 | >= 1.00 |"),
                table);
        assertTrue(table.contains("| train-multiscale | PyTorch | torch 1 | 1 | 200 (200 - 200) |"), table);
        assertTrue(table.contains("| train-vae: examples / s dl4j-lvm / PyTorch's best | n/a | >= 1.20 |"), table);
        assertEquals(1.0, TrainingReport.goal("train-conv-vae"));
        assertEquals(1.0, TrainingReport.goal("train-nsf-2"));
        assertEquals(1.2, TrainingReport.goal("train-realnvp-784"));
    }
}
