package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The multi-scale image flow, in double precision: steps that carry factored-out coordinates keep the contract and
 * the gradient check (the carried coordinates' gradients included), a two-level flow keeps them as a whole, its levels
 * have the shapes of RealNVP's architecture, and it samples at a temperature, saves and loads.
 */
@ExtendWith(DoublePrecision.class)
class MultiScaleTest {
    private static final ImageShape SMALL = ImageShape.of(1, 4, 4);

    private static ComputationGraph twoLevels(boolean splitPrior) {
        return FlowGraphs.randomized(new FlowGraphBuilder(new MultiScale(SMALL, 1, splitPrior), 16).steps(2).hidden(3, 2)
                .activation(Activation.TANH).dataType(DataType.DOUBLE).updater(new NoOp()).build());
    }

    @TestFactory
    List<DynamicTest> stepsCarryingFactoredOutCoordinatesKeepTheContractAndHaveCorrectGradients() {
        ImageShape active = ImageShape.of(2, 2, 2);
        int factored = 5;
        int d = (int) active.size() + factored;
        Map<String, Layer> steps = Map.of(
                "squeeze", new Squeeze.Builder().shape(active).factoredOut(factored).build(),
                "actnorm", new ActNorm.Builder().dimension(8).channels(2).initialized(true).factoredOut(factored).build(),
                "1x1", new InvertibleLinear.Builder().dimension(8).channels(2).seed(4).factoredOut(factored).build(),
                "coupling", new ConvolutionalCoupling.Builder().shape(active).mask(Masks.checkerboard(active, 0)).hidden(3, 2)
                        .activation(Activation.TANH).factoredOut(factored).build(),
                "mlp-coupling", new CouplingStep.Builder().dimension(8).mask(Masks.alternating(8, 1)).hidden(4)
                        .factoredOut(factored).build());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Layer> step : steps.entrySet()) {
            tests.add(DynamicTest.dynamicTest(step.getKey() + ": contract and factored coordinates unchanged", () -> {
                ComputationGraph graph = FlowGraphs.single(step.getValue().clone(), d);
                BijectorContractTest.assertContract(graph, d);
                INDArray x = FlowGraphs.inputs(4, 3, d);
                INDArray y = new Flow(graph).encode(x);
                assertEquals(x.get(NDArrayIndex.all(), NDArrayIndex.interval(8, d)),
                        y.get(NDArrayIndex.all(), NDArrayIndex.interval(8, d)));
            }));
            tests.add(DynamicTest.dynamicTest(step.getKey() + ": gradients",
                    () -> GradientChecks.assertGradientsMatch(FlowGraphs.withContext(step.getValue().clone(), d, true),
                            new INDArray[] {FlowGraphs.inputs(3, 5, d)}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)})));
        }
        return tests;
    }

    @Test
    void twoLevelFlowKeepsTheContract() {
        BijectorContractTest.assertContract(twoLevels(true), 16);
        BijectorContractTest.assertContract(twoLevels(false), 16);
    }

    /** After ActNorm's data-dependent initialisation, as training runs it (the check itself must not move parameters). */
    @Test
    void twoLevelFlowHasCorrectGradients() {
        ComputationGraph graph = twoLevels(true);
        INDArray x = FlowGraphs.inputs(3, 5, 16);
        new Flow(graph).initialize(TestData.iterator(x, 3, 1));
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)}, 6);
    }

    /** 28 x 28 x 1: squeeze to 4 x 14 x 14, keep 2 channels, squeeze to 8 x 7 x 7; a third squeeze is refused. */
    @Test
    void levelsFollowRealNvpsArchitecture() {
        MultiScale fashion = new MultiScale(ImageShape.of(1, 28, 28), 2);
        assertEquals(ImageShape.of(1, 28, 28), fashion.levelInput(0));
        assertEquals(ImageShape.of(2, 14, 14), fashion.levelInput(1));
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(fashion, 784).steps(2).hidden(8, 8).dequantize(256)
                .build());
        graph.init();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        assertEquals(List.of("x", "preprocessing", "squeeze-0", "actnorm-0-0", "1x1-0-0", "coupling-0-0", "actnorm-0-1",
                "1x1-0-1", "coupling-0-1", "split-prior-0", "squeeze-1", "actnorm-1-0", "1x1-1-0", "coupling-1-0",
                "actnorm-1-1", "1x1-1-1", "coupling-1-1", "nll"), conf.getTopologicalOrderStr());
        assertEquals(784, new Flow(graph).dimension());
        SameDiffFlowStep last = (SameDiffFlowStep) ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices()
                .get("coupling-1-1")).getLayerConf().getLayer();
        assertEquals(392, last.dimension());
        assertEquals(392, last.getFactoredOut());
        IllegalArgumentException third = assertThrows(IllegalArgumentException.class,
                () -> new FlowGraphBuilder(fashion, 784).steps(3).build());
        assertTrue(third.getMessage().contains("level 3") && third.getMessage().contains("fewer levels"), third.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new FlowGraphBuilder(fashion, 100).steps(1).build());
        assertTrue(size.getMessage().contains("100"), size.getMessage());
    }

    /** At temperature T the latent of every sample is T times the latent at temperature 1 from the same seed. */
    @Test
    void temperatureScalesTheLatent() {
        Flow flow = new Flow(twoLevels(true));
        INDArray cool = flow.encode(flow.sample(6, 0.7, 21));
        INDArray plain = flow.encode(flow.sample(6, 1.0, 21));
        assertEquals(0.0, cool.sub(plain.mul(0.7)).amaxNumber().doubleValue(), 1e-9);
        assertTrue(plain.stdNumber().doubleValue() > 0.5);
        assertThrows(IllegalArgumentException.class, () -> flow.sample(2, 0.0, 1));
    }

    @Test
    void savesAndLoads() throws Exception {
        ComputationGraph graph = twoLevels(true);
        ComputationGraphConfiguration conf = graph.getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        INDArray x = FlowGraphs.inputs(5, 8, 16);
        assertEquals(new Flow(graph).logLikelihood(x), new Flow(restored).logLikelihood(x));
    }
}
