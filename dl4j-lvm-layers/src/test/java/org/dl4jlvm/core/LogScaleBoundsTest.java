package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The soft bound against its formula in plain Java, its derivative against finite differences, SameDiff against arrays. */
class LogScaleBoundsTest {
    private static final double[] POINTS = {-400, -40, -25, -20, -16, -15.0001, -15, -3, 0, 0.5, 14.9999, 15, 15.0001,
        16, 20, 25, 30, 80, 400};

    /** The bound written out case by case. */
    private static double expected(double v) {
        if (Math.abs(v) <= 15) {
            return v;
        }
        return Math.signum(v) * (15 + 5 * Math.tanh((Math.abs(v) - 15) / 5));
    }

    private static INDArray points() {
        return Nd4j.createFromArray(POINTS).reshape(1, POINTS.length);
    }

    @Test
    void isTheIdentityInsideAndBendsTowardsPlusMinusTwenty() {
        INDArray bounded = LogScaleBounds.bound(points());
        for (int i = 0; i < POINTS.length; i++) {
            assertEquals(expected(POINTS[i]), bounded.getDouble(0, i), 1e-12, "v = " + POINTS[i]);
            assertTrue(Math.abs(bounded.getDouble(0, i)) <= 20, "v = " + POINTS[i]);
        }
        assertEquals(20 * Math.tanh(1e9), LogScaleBounds.bound(Nd4j.scalar(1e9)).getDouble(0), 1e-12);
    }

    @Test
    void derivativeMatchesFiniteDifferencesAndStaysPositive() {
        INDArray derivative = LogScaleBounds.derivative(points());
        double h = 1e-6;
        for (int i = 0; i < POINTS.length; i++) {
            double v = POINTS[i];
            double numeric = (expected(v + h) - expected(v - h)) / (2 * h);
            assertEquals(numeric, derivative.getDouble(0, i), 1e-6, "v = " + v);
            if (Math.abs(v) < 100) {
                assertTrue(derivative.getDouble(0, i) > 0, "a unit at " + v + " is pulled back");
            }
        }
        assertEquals(0.0707, LogScaleBounds.derivative(Nd4j.scalar(25.0)).getDouble(0), 1e-4);
    }

    @Test
    void sameDiffDefinitionAgreesWithTheArrayOneInValueAndGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable v = sd.var("v", points());
        SDVariable bounded = LogScaleBounds.bound(sd, v);
        assertEquals(LogScaleBounds.bound(points()), bounded.eval().reshape(1, POINTS.length));
        bounded.sum().markAsLoss();
        INDArray gradient = sd.calculateGradients(Map.of(), "v").get("v");
        INDArray expected = LogScaleBounds.derivative(points());
        assertEquals(0.0, gradient.reshape(1, POINTS.length).sub(expected).amaxNumber().doubleValue(), 1e-12);
        assertEquals(DataType.DOUBLE, gradient.dataType());
    }
}
