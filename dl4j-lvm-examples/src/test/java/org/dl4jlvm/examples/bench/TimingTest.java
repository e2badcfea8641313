package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics of a timing, and a throughput as the timing of one example per round. */
class TimingTest {

    @Test
    void theMeanCountsTheSlowIterationsTheMedianLeavesOut() {
        Timing timing = new Timing(1, 9, 2);
        assertEquals(2, timing.median());
        assertEquals(4, timing.mean(), 1e-12);
        assertEquals(1, timing.min());
        assertEquals(9, timing.max());
    }

    @Test
    void roundsOfAThroughputPool() {
        Throughput fast = Throughput.of("train-vae", Measurement.DL4J, "BLAS 2", 6000, 1.0);
        Throughput slow = Throughput.of("train-vae", Measurement.DL4J, "BLAS 2", 6000, 2.0);
        Throughput middle = Throughput.of("train-vae", Measurement.DL4J, "BLAS 2", 6000, 1.5);
        Throughput pooled = Throughput.pooled(List.of(fast, slow, middle));
        assertEquals(3, pooled.rounds());
        assertEquals(4000, pooled.median(), 1e-9);
        assertEquals(3000, pooled.slowest(), 1e-9);
        assertEquals(6000, pooled.fastest(), 1e-9);
    }
}
