package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link Dense} against finite differences and against DL4J's own DenseLayer with the same parameters. */
class DenseTest {

    private static ComputationGraph graph(Layer hidden, Layer head) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(4))
                .addLayer("hidden", hidden, "input")
                .addLayer("head", head, "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build(), "head")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static ComputationGraph ours(Activation activation) {
        return graph(new Dense.Builder().nOut(5).activation(activation).build(),
                new Dense.Builder().nOut(6).activation(activation).build());
    }

    /** Kept-output derivatives (identity, ReLU, tanh, sigmoid) and the recomputing path (softplus). */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "RELU", "TANH", "SIGMOID", "SOFTPLUS"})
    void gradientsMatchFiniteDifferences(Activation activation) {
        INDArray input = TestData.normal(7, 4, 1, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(ours(activation), new INDArray[] {input},
                new INDArray[] {TestData.normal(7, 3, 2, DataType.DOUBLE)});
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"IDENTITY", "RELU", "TANH", "SIGMOID"})
    void sameOutputAndGradientsAsDl4jDenseLayer(Activation activation) {
        ComputationGraph ours = ours(activation);
        ComputationGraph theirs = graph(new DenseLayer.Builder().nOut(5).activation(activation).build(),
                new DenseLayer.Builder().nOut(6).activation(activation).build());
        theirs.setParams(ours.params());
        INDArray input = TestData.normal(7, 4, 1, DataType.DOUBLE);
        INDArray labels = TestData.normal(7, 3, 2, DataType.DOUBLE);
        assertEquals(theirs.outputSingle(input), ours.outputSingle(input));
        for (ComputationGraph graph : new ComputationGraph[] {ours, theirs}) {
            graph.setInputs(input);
            graph.setLabels(labels);
            graph.computeGradientAndScore();
        }
        INDArray difference = ours.gradient().gradient().sub(theirs.gradient().gradient());
        assertTrue(difference.amaxNumber().doubleValue() < 1e-12, "gradients differ by " + difference.amaxNumber());
    }

    /** A first layer that skips its input gradient gives the same parameter gradients and zeros for the input. */
    @Test
    void skippingTheInputGradientLeavesParameterGradientsAlone() {
        ComputationGraph full = ours(Activation.RELU);
        ComputationGraph skipping = graph(new Dense.Builder().nOut(5).activation(Activation.RELU).inputGradient(false).build(),
                new Dense.Builder().nOut(6).activation(Activation.RELU).build());
        skipping.setParams(full.params());
        INDArray input = TestData.normal(7, 4, 1, DataType.DOUBLE);
        INDArray labels = TestData.normal(7, 3, 2, DataType.DOUBLE);
        for (ComputationGraph graph : new ComputationGraph[] {full, skipping}) {
            graph.setInputs(input);
            graph.setLabels(labels);
            graph.computeGradientAndScore();
        }
        assertEquals(full.gradient().gradient(), skipping.gradient().gradient());
        GradientChecks.assertGradientsMatch(skipping, new INDArray[] {input}, new INDArray[] {labels});
        String json = skipping.getConfiguration().toJson();
        assertEquals(skipping.getConfiguration(), ComputationGraphConfiguration.fromJson(json));
        assertTrue(json.contains("\"inputGradient\" : false"), json);
    }

    @Test
    void denseStackSkipsTheInputGradientOnlyOnTheNetworksInput() {
        ComputationGraphConfiguration conf = new org.dl4jlvm.models.VaeGraphBuilder(6, 2).encoderSizes(5, 4).decoderSizes(4).build();
        assertEquals(false, dense(conf, "encoder-1").isInputGradient());
        assertEquals(true, dense(conf, "encoder-2").isInputGradient());
        assertEquals(true, dense(conf, "decoder-1").isInputGradient());
    }

    private static Dense dense(ComputationGraphConfiguration conf, String name) {
        return (Dense) ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void savesAndLoadsWithModelSerializer(@TempDir Path folder) throws Exception {
        ComputationGraph graph = ours(Activation.RELU);
        File file = folder.resolve("dense.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(graph.getConfiguration(), restored.getConfiguration());
        INDArray input = TestData.normal(7, 4, 1, DataType.DOUBLE);
        assertEquals(graph.outputSingle(input), restored.outputSingle(input));
    }

    @Test
    void refusesInputOfTheWrongWidth() {
        ComputationGraph graph = ours(Activation.RELU);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> graph.outputSingle(TestData.normal(7, 5, 1, DataType.DOUBLE)));
        assertTrue(error.getMessage().contains("Dense 'hidden' input"), error.getMessage());
    }
}
