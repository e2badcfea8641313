package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.GradientChecks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The planar step, in double precision: log-det against finite differences, the layer against the definition, the
 * gradient check, the invertibility constraint for parameters that violate it unconstrained, JSON, and the typed
 * error of its missing inverse.
 */
@org.junit.jupiter.api.extension.ExtendWith(DoublePrecision.class)
class PlanarStepTest {
    private static ComputationGraph planar(int d) {
        return FlowGraphs.single(new PlanarStep.Builder().dimension(d).build(), d);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void logDetMatchesFiniteDifferencesAndTheLayerMatchesTheDefinition(int d) {
        ComputationGraph graph = planar(d);
        Flow flow = new Flow(graph);
        INDArray x = FlowGraphs.inputs(5, 17, d).muli(4).subi(2);
        FlowOutput forward = flow.forward(x);
        for (int i = 0; i < 5; i++) {
            assertEquals(BijectorContractTest.logAbsDetFiniteDifference(flow, x.getRow(i, true), null),
                    forward.logDet().getDouble(i, 0), 1e-6, "logDet of example " + i);
        }
        INDArray layer = graph.outputSingle(false, x);
        assertEquals(0.0, layer.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).sub(forward.value()).amaxNumber()
                .doubleValue(), 1e-12);
        assertEquals(0.0, layer.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + 1)).sub(forward.logDet())
                .amaxNumber().doubleValue(), 1e-12);
        assertTrue(forward.value().sub(x).amaxNumber().doubleValue() > 1e-3, "the random step is not the identity");
    }

    @Test
    void hasCorrectGradients() {
        GradientChecks.assertGradientsMatch(FlowGraphs.afterDense(new PlanarStep.Builder().dimension(FlowGraphs.D).build()),
                new INDArray[] {FlowGraphs.inputs(3, 5)}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)});
    }

    /** u = -10 w would fold the map (w . u = -10 |w|^2 < -1); the constrained u_hat keeps w . u_hat > -1. */
    @Test
    void theConstraintKeepsTheStepInvertible() {
        ComputationGraph graph = planar(3);
        INDArray w = Nd4j.createFromArray(new double[][] {{0.8, -0.5, 1.2}});
        graph.getLayer("step").setParam(PlanarStep.W, w);
        graph.getLayer("step").setParam(PlanarStep.U, w.mul(-10));
        org.nd4j.autodiff.samediff.SameDiff sd = org.nd4j.autodiff.samediff.SameDiff.create();
        INDArray uHat = PlanarStep.constrainedU(sd, sd.constant(w.mul(-10)), sd.constant(w)).eval();
        assertTrue(w.mul(uHat).sumNumber().doubleValue() > -1, "w . u_hat = " + w.mul(uHat).sumNumber());
        // along w the map is then strictly increasing: its log-det is finite everywhere on a line through the kink
        INDArray line = Nd4j.linspace(-3, 3, 601, DataType.DOUBLE).reshape(601, 1).mmul(w);
        INDArray logDet = new Flow(graph).forward(line).logDet();
        assertTrue(!logDet.isNaN().any() && !logDet.isInfinite().any(), "finite log-det");
    }

    @Test
    void theInverseIsATypedClearError() {
        Flow flow = new Flow(planar(2));
        InverseNotAvailableException error = assertThrows(InverseNotAvailableException.class,
                () -> flow.inverse(Nd4j.zeros(DataType.DOUBLE, 2, 2)));
        assertTrue(error.getMessage().contains("no inverse in closed form") && error.getMessage().contains("PlanarStep"),
                error.getMessage());
        assertThrows(InverseNotAvailableException.class, () -> flow.sample(3, 1));
    }

    @Test
    void configurationRoundTripsThroughJson() {
        ComputationGraphConfiguration conf = planar(4).getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }
}
