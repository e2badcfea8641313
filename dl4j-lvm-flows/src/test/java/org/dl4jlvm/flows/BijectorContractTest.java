package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The bijector contract, for every step and every chain, in double precision: shapes and finiteness,
 * {@code inverse(forward(x)) = x}, the log-det against a central finite-difference Jacobian, the inverse
 * log-det against the forward one, and the layer inside the graph against the bijector.
 */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class BijectorContractTest {
    private static final int N = 5;
    /**
     * At D = 2, 3, 5 and 8, with smooth conditioners (softplus; tanh in "affine"): a ReLU's kinks make the
     * finite-difference log-det depend on where the points fall (an error of 7e-3 at D = 3, against 4e-11 with tanh).
     */
    @TestFactory
    List<DynamicTest> everyStepAndChainKeepsTheContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int d : new int[] {2, 3, 5, 8}) {
            for (Map.Entry<String, Supplier<Layer>> step : FlowGraphs.steps(d, Activation.SOFTPLUS).entrySet()) {
                tests.add(DynamicTest.dynamicTest("D = " + d + ", step " + step.getKey(),
                        () -> assertContract(FlowGraphs.single(step.getValue().get(), d), d)));
            }
            for (Map.Entry<String, Supplier<Layer>> step : FlowGraphs.composed(d, Activation.SOFTPLUS).entrySet()) {
                tests.add(DynamicTest.dynamicTest("D = " + d + ", composed " + step.getKey(),
                        () -> assertContract(FlowGraphs.withContext(step.getValue().get(), d, false), d)));
            }
            for (Map.Entry<String, Supplier<ComputationGraph>> chain : FlowGraphs.chains(d, Activation.SOFTPLUS).entrySet()) {
                tests.add(DynamicTest.dynamicTest("D = " + d + ", chain " + chain.getKey(),
                        () -> assertContract(chain.getValue().get(), d)));
            }
            for (Map.Entry<String, Supplier<ComputationGraph>> chain
                    : FlowGraphs.conditionalChains(d, Activation.SOFTPLUS).entrySet()) {
                tests.add(DynamicTest.dynamicTest("D = " + d + ", conditional chain " + chain.getKey(),
                        () -> assertContract(chain.getValue().get(), d)));
            }
        }
        return tests;
    }

    static void assertContract(ComputationGraph graph, int d) {
        Flow flow = new Flow(graph);
        INDArray x = FlowGraphs.inputs(N, 17, d);
        INDArray context = flow.contextWidth() == 0 ? null : FlowGraphs.inputs(N, 18, (int) flow.contextWidth());
        FlowOutput forward = flow.forward(x, context);
        assertArrayEquals(new long[] {N, d}, forward.value().shape());
        assertArrayEquals(new long[] {N, 1}, forward.logDet().shape());
        assertFalse(forward.value().isInfinite().any() || forward.value().isNaN().any(), "forward output is finite");

        FlowOutput inverse = flow.inverseWithLogDet(forward.value(), context);
        assertEquals(0.0, inverse.value().sub(x).amaxNumber().doubleValue(), 1e-9, "inverse(forward(x)) = x");
        assertEquals(0.0, inverse.logDet().add(forward.logDet()).amaxNumber().doubleValue(), 1e-9,
                "inverse logDet = -forward logDet");

        for (int i = 0; i < N; i++) {
            double expected = logAbsDetFiniteDifference(flow, x.getRow(i, true), context == null ? null : context.getRow(i, true));
            assertEquals(expected, forward.logDet().getDouble(i, 0), 1e-6, "logDet of example " + i);
        }

        INDArray layerOutput = context == null ? graph.outputSingle(false, x) : graph.outputSingle(false, x, context);
        INDArray graphLatent = layerOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        long width = layerOutput.size(1);
        INDArray graphLogDet = layerOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(width - 1, width));
        // the graph runs the steps' CPU runtimes, whose sums round in another order than the definitions': a few ulps
        // of the largest value (Glow at D = 8 reaches 1307, where the two differ by 1.1e-12, five ulps)
        assertEquals(0.0, graphLatent.sub(forward.value()).amaxNumber().doubleValue(), ulps(forward.value()),
                "graph latent = bijector latent");
        assertEquals(0.0, graphLogDet.sub(forward.logDet()).amaxNumber().doubleValue(), ulps(forward.logDet()),
                "graph logDet = bijector logDet");
    }

    /** 1e-12 relative to the largest magnitude of {@code values}, and 1e-12 absolute below magnitude 1. */
    private static double ulps(INDArray values) {
        return 1e-12 * Math.max(1.0, values.amaxNumber().doubleValue());
    }

    /**
     * True when a step of the graph is a spline, C1 with jumps in its second derivative at the knots: a finite-difference
     * stencil that straddles a knot misses by O(h x the jump). Measured for one point of an autoregressive spline step
     * at D = 5: the fourth-order stencil below at h = 2e-4 was 6e-5 off, the central difference 9e-7, 9e-9 and 5e-10
     * off at h = 1e-4, 1e-5 and 1e-6, converging on the analytic value. Smooth steps keep the wider stencil, whose noise
     * is lower: at h = 1e-6 the central difference was 4e-5 off for Glow at D = 8.
     */
    static boolean piecewise(ComputationGraph graph) {
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof ConditionedStep && ((ConditionedStep) layer.conf().getLayer())
                    .getTransform() instanceof org.dl4jlvm.flows.transform.RationalQuadraticSpline) {
                return true;
            }
        }
        return false;
    }

    /**
     * log|det J| of the flow at one point. Smooth flows: J by the fourth-order central difference
     * {@code (f(x - 2h) - 8 f(x - h) + 8 f(x + h) - f(x + 2h)) / 12h} with h = 2e-4, error O(h^4) plus the noise of f
     * over h (measured over every step and chain, softplus conditioners: at most 1.5e-5 at h = 1e-3, falling as h^4,
     * 3.8e-7 at 4e-4, 2.7e-7 at 2e-4 at D = 8, where the noise takes over, and 8e-7 at 1e-4). Piecewise flows (splines,
     * see {@link #piecewise}): the central difference at h = 1e-6.
     */
    static double logAbsDetFiniteDifference(Flow flow, INDArray point, INDArray context) {
        boolean piecewise = piecewise(flow.graph());
        int d = (int) point.size(1);
        double h = piecewise ? 1e-6 : 2e-4;
        double[] weights = piecewise ? new double[] {-6, 6} : new double[] {1, -8, 8, -1};
        double[] offsets = piecewise ? new double[] {-1, 1} : new double[] {-2, -1, 1, 2};
        INDArray jacobianTransposed = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int k = 0; k < weights.length; k++) {
            INDArray shifted = Nd4j.repeat(point, d).reshape(d, d).dup();
            for (int j = 0; j < d; j++) {
                shifted.putScalar(j, j, shifted.getDouble(j, j) + offsets[k] * h);
            }
            jacobianTransposed.addi(flow.forward(shifted, context).value().muli(weights[k] / (12 * h)));
        }
        // row j holds d y / d x_j, i.e. the transpose of the Jacobian; the determinant is the same
        return Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(jacobianTransposed.toDoubleMatrix())).getDeterminant()));
    }
}
