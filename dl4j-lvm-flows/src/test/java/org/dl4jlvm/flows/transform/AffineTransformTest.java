package org.dl4jlvm.flows.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The affine transform's own tanh against {@code Math.tanh}. */
class AffineTransformTest {

    @Test
    void tanhIsMathTanhWithinTwoUlpsOfOne() {
        double worst = 0;
        for (int i = -200_000; i <= 200_000; i++) {
            double z = i * 2e-4;
            worst = Math.max(worst, Math.abs(AffineTransform.tanh(z) - Math.tanh(z)));
            assertEquals(-AffineTransform.tanh(z), AffineTransform.tanh(-z), 0.0, "odd at " + z);
        }
        for (double z : new double[] {1e-300, 1e-17, 1e-9, 3e-5, 0.55, 18.0, 19.5, 40.0, 710.0, 1e300}) {
            worst = Math.max(worst, Math.abs(AffineTransform.tanh(z) - Math.tanh(z)));
        }
        assertTrue(worst <= 2 * Math.ulp(1.0), "differs from Math.tanh by " + worst);
    }

    @Test
    void tanhKeepsZerosLimitsAndNaN() {
        assertEquals(0.0, AffineTransform.tanh(0.0), 0.0);
        assertEquals(1.0, AffineTransform.tanh(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, AffineTransform.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(AffineTransform.tanh(Double.NaN)));
    }
}
