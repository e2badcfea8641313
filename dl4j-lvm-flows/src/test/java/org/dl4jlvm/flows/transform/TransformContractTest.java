package org.dl4jlvm.flows.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every elementwise transform, in double precision: the identity at {@code h = 0}; {@code inverse(forward(x)) = x} with
 * the inverse log-derivative minus the forward one; the log-derivative against a central finite difference of y; and,
 * for a {@link HostTransform}, its values and backward pass against the SameDiff definition and SameDiff's autodiff.
 */
class TransformContractTest {
    private static final int N = 7;
    private static final int D = 3;

    static Map<String, ElementwiseTransform> transforms() {
        Map<String, ElementwiseTransform> transforms = new LinkedHashMap<>();
        transforms.put("affine", new AffineTransform(2.0));
        transforms.put("additive", new AdditiveTransform());
        transforms.put("spline-8-bins", new RationalQuadraticSpline(8, 3.0));
        transforms.put("spline-2-bins", new RationalQuadraticSpline(2, 1.5));
        return transforms;
    }

    /** Inputs in (-2.5, 2.5): inside the splines' [-3, 3], and partly in the tails of [-1.5, 1.5]. */
    private static INDArray inputs(long seed) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {N, D}).castTo(DataType.DOUBLE)
                .muli(5).subi(2.5);
    }

    private static INDArray parameters(ElementwiseTransform transform, long seed) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed),
                new long[] {N, (long) transform.parametersPerCoordinate() * D}).castTo(DataType.DOUBLE);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @TestFactory
    List<DynamicTest> everyTransformKeepsTheContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ElementwiseTransform> entry : transforms().entrySet()) {
            ElementwiseTransform transform = entry.getValue();
            tests.add(DynamicTest.dynamicTest(entry.getKey() + ": identity at h = 0", () -> {
                INDArray x = inputs(1);
                INDArray[] out = TransformEvaluation.apply(transform, x, parameters(transform, 2).muli(0), true);
                assertEquals(0.0, maxDifference(out[0], x), 1e-12);
                assertEquals(0.0, out[1].amaxNumber().doubleValue(), 1e-12);
            }));
            tests.add(DynamicTest.dynamicTest(entry.getKey() + ": round trip and log-derivatives", () -> {
                INDArray x = inputs(3);
                INDArray h = parameters(transform, 4);
                INDArray[] forward = TransformEvaluation.apply(transform, x, h, true);
                INDArray[] inverse = TransformEvaluation.apply(transform, forward[0], h, false);
                assertEquals(0.0, maxDifference(inverse[0], x), 1e-10, "inverse(forward(x)) = x");
                assertEquals(0.0, maxDifference(inverse[1], forward[1].neg()), 1e-9, "inverse log-derivative");
                double step = 1e-5;
                INDArray above = TransformEvaluation.apply(transform, x.add(step), h, true)[0];
                INDArray below = TransformEvaluation.apply(transform, x.sub(step), h, true)[0];
                INDArray numeric = org.nd4j.linalg.ops.transforms.Transforms.log(above.sub(below).divi(2 * step), false);
                assertEquals(0.0, maxDifference(numeric, forward[1]), 1e-6, "log-derivative against finite differences");
            }));
            if (transform instanceof HostTransform) {
                tests.add(DynamicTest.dynamicTest(entry.getKey() + ": host path = SameDiff definition",
                        () -> assertHostMatches(transform, (HostTransform) transform)));
            }
        }
        return tests;
    }

    static void assertHostMatches(ElementwiseTransform transform, HostTransform host) {
        INDArray x = inputs(5);
        INDArray h = parameters(transform, 6);
        INDArray dy = inputs(7);
        INDArray dl = inputs(8);
        INDArray[] reference = TransformEvaluation.apply(transform, x, h, true);
        INDArray[] gradients = TransformEvaluation.gradients(transform, x, h, dy, dl);
        int p = transform.parametersPerCoordinate();
        double[] parameters = new double[p];
        double[] out = new double[2];
        double[] gradient = new double[p + 1];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                for (int k = 0; k < p; k++) {
                    parameters[k] = h.getDouble(i, k * D + j);
                }
                host.forward(x.getDouble(i, j), parameters, out);
                assertEquals(reference[0].getDouble(i, j), out[0], 1e-12, "y at " + i + "," + j);
                assertEquals(reference[1].getDouble(i, j), out[1], 1e-12, "log-derivative at " + i + "," + j);
                host.backward(x.getDouble(i, j), parameters, dy.getDouble(i, j), dl.getDouble(i, j), gradient);
                assertEquals(gradients[0].getDouble(i, j), gradient[0], 1e-10, "dx at " + i + "," + j);
                for (int k = 0; k < p; k++) {
                    assertEquals(gradients[1].getDouble(i, k * D + j), gradient[1 + k], 1e-10, "dp" + k + " at " + i + "," + j);
                }
            }
        }
        assertFalse(gradients[1].isNaN().any(), "finite reference gradients");
        assertTrue(gradients[1].amaxNumber().doubleValue() > 0, "the parameters receive a gradient");
    }
}
