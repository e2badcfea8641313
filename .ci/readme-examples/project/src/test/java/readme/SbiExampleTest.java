package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.flows.embedding.ConvolutionalEmbedding;
import org.dl4jlvm.sbi.Calibration;
import org.dl4jlvm.sbi.Posterior;
import org.dl4jlvm.sbi.PosteriorEstimator;
import org.dl4jlvm.sbi.Ricker;
import org.dl4jlvm.sbi.Simulations;
import org.dl4jlvm.sbi.Simulator;
import org.dl4jlvm.sbi.TwoMoons;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** README, "Simulation-based inference": NPE on two moons, samples, densities and SBC; Ricker through an embedding. */
class SbiExampleTest {

    @Test
    void runsAsWritten() {
        // README: sbi

        assertArrayEquals(new long[] {1000, 2}, theta.shape());
        assertTrue(theta.amaxNumber().doubleValue() < 1, "samples inside the prior's box");
        assertEquals(0.0, posterior.leakage(), 0.5, "the fraction of draws outside the box");
        assertTrue(Double.isFinite(logQ.sumNumber().doubleValue()), "finite densities inside the box");
        assertEquals(2, sbc.pValues().length);
        assertArrayEquals(new long[] {500, 3}, rickerTheta.shape());
        assertEquals(50, learned.flow().contextWidth(), "the flow reads the 50 counts through its embedding");
    }
}
