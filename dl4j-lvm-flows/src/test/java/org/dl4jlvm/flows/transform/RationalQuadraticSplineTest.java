package org.dl4jlvm.flows.transform;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The spline's edges, knots, tails and settings, in double precision, with random parameters. */
class RationalQuadraticSplineTest {
    private static final int K = 5;
    private static final double B = 2.0;
    private final RationalQuadraticSpline spline = new RationalQuadraticSpline(K, B);

    /** One coordinate per column, the same random parameters in every row: {@code [rows, (3K - 1) n]}. */
    private static INDArray parameters(int rows, int n, long seed) {
        INDArray row = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {1, (3L * K - 1) * n})
                .castTo(DataType.DOUBLE).muli(2);
        return Nd4j.repeat(row, rows).reshape(rows, row.length());
    }

    /** The knots {@code x_0 = -B < ... < x_K = B} of coordinate 0, from the softmax of its raw widths, written out here. */
    private static double[] knots(INDArray h) {
        double[] raw = new double[K];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            raw[k] = h.getDouble(0, k);
            max = Math.max(max, raw[k]);
        }
        double total = 0;
        for (int k = 0; k < K; k++) {
            raw[k] = Math.exp(raw[k] - max);
            total += raw[k];
        }
        double[] knots = new double[K + 1];
        knots[0] = -B;
        for (int k = 0; k < K; k++) {
            double fraction = RationalQuadraticSpline.MINIMUM + (1 - RationalQuadraticSpline.MINIMUM * K) * raw[k] / total;
            knots[k + 1] = knots[k] + 2 * B * fraction;
        }
        knots[K] = B;
        return knots;
    }

    @Test
    void edgesArePinnedWithSlopeOne() {
        INDArray x = Nd4j.createFromArray(-B, B, -B + 1e-9, B - 1e-9).castTo(DataType.DOUBLE).reshape(4, 1);
        INDArray[] out = TransformEvaluation.apply(spline, x, parameters(4, 1, 1), true);
        assertEquals(-B, out[0].getDouble(0, 0), 1e-12, "f(-B) = -B");
        assertEquals(B, out[0].getDouble(1, 0), 1e-12, "f(B) = B");
        assertEquals(0.0, out[1].getDouble(2, 0), 1e-6, "slope 1 just inside -B");
        assertEquals(0.0, out[1].getDouble(3, 0), 1e-6, "slope 1 just inside B");
    }

    @Test
    void roundTripsAtEveryKnotAndIsIncreasing() {
        INDArray h = parameters(K + 1, 1, 2);
        INDArray x = Nd4j.createFromArray(knots(h)).castTo(DataType.DOUBLE).reshape(K + 1, 1);
        INDArray[] forward = TransformEvaluation.apply(spline, x, h, true);
        INDArray[] inverse = TransformEvaluation.apply(spline, forward[0], h, false);
        assertEquals(0.0, inverse[0].sub(x).amaxNumber().doubleValue(), 1e-10, "round trip at the knots");
        assertEquals(0.0, inverse[1].add(forward[1]).amaxNumber().doubleValue(), 1e-9, "log-derivatives at the knots");

        int points = 2001;
        INDArray grid = Nd4j.linspace(-B - 0.5, B + 0.5, points, DataType.DOUBLE).reshape(points, 1);
        INDArray y = TransformEvaluation.apply(spline, grid, parameters(points, 1, 2), true)[0];
        for (int i = 1; i < points; i++) {
            assertTrue(y.getDouble(i, 0) > y.getDouble(i - 1, 0), "increasing at " + grid.getDouble(i, 0));
        }
    }

    @Test
    void inputsOutsideAreIdentityWithFiniteGradientsEvenWhenAllAre() {
        INDArray x = Nd4j.createFromArray(new double[][] {{-B - 1, B + 0.5}, {-1e6, 1e6}, {B + 1e-9, -B - 3}});
        INDArray h = parameters(3, 2, 3);
        INDArray[] out = TransformEvaluation.apply(spline, x, h, true);
        assertEquals(0.0, out[0].sub(x).amaxNumber().doubleValue(), 0.0, "identity outside");
        assertEquals(0.0, out[1].amaxNumber().doubleValue(), 0.0, "log-derivative 0 outside");
        INDArray[] inverse = TransformEvaluation.apply(spline, x, h, false);
        assertEquals(0.0, inverse[0].sub(x).amaxNumber().doubleValue(), 0.0, "inverse identity outside");
        INDArray ones = Nd4j.onesLike(x);
        INDArray[] gradients = TransformEvaluation.gradients(spline, x, h, ones, ones);
        assertFalse(gradients[0].isNaN().any() || gradients[0].isInfinite().any(), "finite dx");
        assertFalse(gradients[1].isNaN().any() || gradients[1].isInfinite().any(), "finite dh");
        assertEquals(0.0, gradients[0].sub(ones).amaxNumber().doubleValue(), 0.0, "dx = dy outside");
        assertEquals(0.0, gradients[1].amaxNumber().doubleValue(), 0.0, "no parameter gradient outside");
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertMessage(() -> new RationalQuadraticSpline(1, 3.0), "bins", "K >= 2", "found 1");
        assertMessage(() -> new RationalQuadraticSpline(8, 0.0), "bound", "B > 0", "found 0.0");
        assertMessage(() -> new RationalQuadraticSpline(8, Double.NaN), "bound", "found NaN");
    }
}
