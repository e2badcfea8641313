package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The three convolution runtimes the bench times compute the same chain: one output, one input gradient. */
class ConvolutionCasesTest {

    @Test
    void theThreeRuntimesComputeTheSameChain() {
        ConvolutionCases cases = new ConvolutionCases();
        INDArray[] host = cases.hostResult();
        assertArrayEquals(new long[] {128, 1, 28, 28}, host[0].shape());
        assertArrayEquals(new long[] {128, 1, 28, 28}, host[1].shape());
        assertTrue(host[1].norm2Number().doubleValue() > 0, "a gradient reaches the input");
        same("DL4J's layers", host, cases.builtInResult());
        same("ND4J's ops", host, cases.opsResult());
    }

    @Test
    void theCasesCountTheChainsMultiplyAddsAndRun() {
        BenchCase ops = new ConvolutionCases().nd4jOps();
        // 4 x 4 kernels at batch 128: 14 x 14 positions of 1 x 32 and 32 x 1 channels, 7 x 7 of 32 x 64 and 64 x 32
        double multiplyAdds = 128.0 * 16 * (2 * 14 * 14 * 32 + 2 * 7 * 7 * 32 * 64);
        assertEquals(6 * multiplyAdds, ops.flopsPerIteration());
        Measurement once = ops.measure(0, 1, 1);
        assertTrue(once.timing().min() > 0);
    }

    private static void same(String runtime, INDArray[] expected, INDArray[] actual) {
        for (int i = 0; i < 2; i++) {
            double scale = expected[i].norm2Number().doubleValue();
            double error = expected[i].sub(actual[i]).norm2Number().doubleValue();
            assertTrue(error <= 1e-5 * scale, runtime + (i == 0 ? " output" : " input gradient") + ": relative error "
                    + error / scale);
        }
    }
}
