package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.dl4jlvm.TestData;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Configuration JSON and ModelSerializer round trips, and ActNorm's data-dependent initialisation. */
class FlowRoundTripTest {
    private static final int D = 6;

    private static ComputationGraph glow(boolean dequantize) {
        FlowGraphBuilder builder = new FlowGraphBuilder(FlowGraphBuilder.Kind.GLOW, D).steps(2).hidden(16).seed(3);
        if (dequantize) {
            builder.dequantize(256);
        }
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return graph;
    }

    /** Rows on the 8-bit grid in [0, 1] with correlated coordinates. */
    private static INDArray pixels(int n, long seed) {
        INDArray base = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {n, 1});
        INDArray noise = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed + 1), new long[] {n, D}).muli(0.3);
        INDArray x = noise.addiColumnVector(base.muli(0.7));
        return org.nd4j.linalg.ops.transforms.Transforms.round(x.muli(255), false).divi(255).castTo(DataType.FLOAT);
    }

    private static ActNorm actNorm(ComputationGraph graph, String name) {
        return (ActNorm) ((LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void configurationRoundTripsThroughJson() {
        ComputationGraphConfiguration conf = glow(true).getConfiguration();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, restored);
        assertEquals(conf.toJson(), restored.toJson());
    }

    /** Every preset and conditional chain: JSON gives the same configuration, ModelSerializer the same flow. */
    @org.junit.jupiter.api.TestFactory
    java.util.List<org.junit.jupiter.api.DynamicTest> everyChainRoundTrips(@TempDir Path folder) {
        java.util.List<org.junit.jupiter.api.DynamicTest> tests = new java.util.ArrayList<>();
        java.util.Map<String, java.util.function.Supplier<ComputationGraph>> chains = new java.util.LinkedHashMap<>(FlowGraphs.chains());
        FlowGraphs.conditionalChains(FlowGraphs.D, org.nd4j.linalg.activations.Activation.TANH)
                .forEach((name, chain) -> chains.put("conditional " + name, chain));
        for (java.util.Map.Entry<String, java.util.function.Supplier<ComputationGraph>> chain : chains.entrySet()) {
            tests.add(org.junit.jupiter.api.DynamicTest.dynamicTest(chain.getKey(), () -> {
                ComputationGraph graph = chain.getValue().get();
                ComputationGraphConfiguration conf = graph.getConfiguration();
                ComputationGraphConfiguration restoredConf = ComputationGraphConfiguration.fromJson(conf.toJson());
                assertEquals(conf, restoredConf);
                assertEquals(conf.toJson(), restoredConf.toJson());
                File file = folder.resolve(chain.getKey().replace(' ', '-') + ".zip").toFile();
                ModelSerializer.writeModel(graph, file, true);
                ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
                Flow flow = new Flow(graph);
                INDArray x = FlowGraphs.inputs(6, 31);
                INDArray context = flow.contextWidth() == 0 ? null : FlowGraphs.inputs(6, 32, (int) flow.contextWidth());
                assertEquals(flow.logLikelihood(x, context), new Flow(restored).logLikelihood(x, context));
                assertEquals(flow.sample(6, context, 4), new Flow(restored).sample(6, context, 4));
            }));
        }
        return tests;
    }

    @Test
    void savedModelGivesIdenticalLikelihoodsAndSamplesAndNeverInitialisesAgain(@TempDir Path folder) throws Exception {
        ComputationGraph graph = glow(true);
        assertFalse(actNorm(graph, "actnorm-0").isInitialized());
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(pixels(256, 5), 64, 1)), 2);
        assertTrue(actNorm(graph, "actnorm-0").isInitialized(), "first training batch initialises ActNorm");

        File file = folder.resolve("glow.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertTrue(actNorm(restored, "actnorm-0").isInitialized());
        assertTrue(actNorm(restored, "actnorm-1").isInitialized());

        INDArray x = pixels(50, 9);
        assertEquals(new Flow(graph).logLikelihood(x), new Flow(restored).logLikelihood(x));
        assertEquals(new Flow(graph).sample(20, 4), new Flow(restored).sample(20, 4));

        INDArray before = restored.params().dup();
        restored.feedForward(new INDArray[] {pixels(64, 77).muli(0.5)}, true, true);
        assertEquals(before, restored.params(), "a loaded model does not run the data-dependent initialisation again");
    }

    @Test
    void explicitInitialisationNormalisesTheFirstBatch() {
        ComputationGraph graph = glow(false);
        INDArray batch = pixels(128, 11).muli(3).subi(1);
        new Flow(graph).initialize(TestData.iterator(batch, 128, 2));
        assertTrue(actNorm(graph, "actnorm-0").isInitialized());
        INDArray out = graph.feedForward(new INDArray[] {batch}, false).get("actnorm-0")
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, D)).castTo(DataType.DOUBLE);
        assertEquals(0.0, out.mean(0).amaxNumber().doubleValue(), 1e-4, "per-coordinate mean after ActNorm");
        assertEquals(1.0, out.std(false, 0).minNumber().doubleValue(), 1e-3, "per-coordinate std after ActNorm");
        assertEquals(1.0, out.std(false, 0).maxNumber().doubleValue(), 1e-3, "per-coordinate std after ActNorm");
    }
}
