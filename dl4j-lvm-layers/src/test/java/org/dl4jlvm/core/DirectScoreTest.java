package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.vae.GaussianKl;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The heads' direct scores against their SameDiff definitions, including values far out where a careless
 * formula overflows (logits of +-100, log-variances beyond the soft bound). Their gradients are held to finite
 * differences by the gradient-check tests, which train through them.
 */
class DirectScoreTest {

    private static void assertClose(INDArray expected, INDArray actual) {
        assertEquals(0.0, expected.reshape(actual.shape()).sub(actual).amaxNumber().doubleValue(), 1e-9);
    }

    @Test
    void bernoulliMatchesTheSameDiffDefinition() {
        INDArray logits = TestData.normal(6, 5, 1, DataType.DOUBLE).muli(4);
        logits.putScalar(0, 0, 100);
        logits.putScalar(1, 1, -100);
        logits.putScalar(2, 2, 0);
        INDArray data = TestData.binary(6, 5, 2, DataType.DOUBLE);
        BernoulliLikelihood likelihood = new BernoulliLikelihood();
        assertClose(likelihood.negLogLikelihood(data, logits), likelihood.directScore().perExample(logits, data));
    }

    @Test
    void gaussianKlMatchesTheSameDiffDefinition() {
        INDArray meanLogVariance = TestData.normal(6, 8, 3, DataType.DOUBLE).muli(3);
        meanLogVariance.putScalar(0, 5, 30);
        meanLogVariance.putScalar(1, 6, -30);
        assertClose(GaussianKl.of(meanLogVariance), GaussianKl.DIRECT.perExample(meanLogVariance, null));
    }

    @Test
    void klGradientPassesTheSoftBoundsDerivative() {
        INDArray meanLogVariance = TestData.normal(2, 4, 3, DataType.DOUBLE);
        meanLogVariance.putScalar(0, 2, 30);
        INDArray gradient = GaussianKl.DIRECT.inputGradient(meanLogVariance, null);
        // beyond the bound the gradient is small but positive, so the log-variance is pulled back
        double bound = 15 + 5 * Math.tanh(3);
        double expected = 0.5 * (Math.exp(bound) - 1) * (1 - Math.tanh(3) * Math.tanh(3));
        assertEquals(expected, gradient.getDouble(0, 2), 1e-9 * expected);
        assertEquals(meanLogVariance.getDouble(1, 0), gradient.getDouble(1, 0));
        assertEquals(0.5 * (Math.exp(meanLogVariance.getDouble(1, 3)) - 1), gradient.getDouble(1, 3), 1e-12);
    }
}
