package org.dl4jlvm.autoencoder;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.likelihood.SquaredError;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** The corruption layer: its noise statistics, identity at inference, gradients, round trips and bad input. */
class CorruptionLayerTest {
    private static final CorruptionLayer[] KINDS = {
        new CorruptionLayer.Builder().gaussian(0.3).build(),
        new CorruptionLayer.Builder().masking(0.3).build(),
        new CorruptionLayer.Builder().saltAndPepper(0.3, -1, 2).build()};

    /** input (D) -> dense (D, tanh) -> corruption -> squared-error head, in DOUBLE with NoOp. */
    static ComputationGraph behindDense(CorruptionLayer corruption, int d) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder().addInputs("input").setInputTypes(InputType.feedForward(d))
                .addLayer("dense", new DenseLayer.Builder().nOut(d).activation(Activation.TANH).build(), "input")
                .addLayer("corruption", corruption, "dense")
                .addLayer("head", new LikelihoodOutputLayer(new SquaredError()), "corruption")
                .setOutputs("head").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void identityAtInferenceAndTheNoiseStatisticsInTraining() {
        INDArray x = TestData.normal(500, 200, 5, DataType.DOUBLE);
        for (CorruptionLayer kind : KINDS) {
            ComputationGraph graph = behindDense(kind, 200);
            INDArray clean = graph.feedForward(x, false).get("dense");
            assertEquals(clean, graph.feedForward(x, false).get("corruption"), kind.getKind() + " at inference");
            INDArray noisy = graph.feedForward(x, true).get("corruption");
            INDArray changed = noisy.neq(clean).castTo(DataType.DOUBLE);
            double n = changed.length();
            if (kind.getKind() == CorruptionLayer.Kind.GAUSSIAN) {
                INDArray noise = noisy.sub(clean);
                assertEquals(0, noise.meanNumber().doubleValue(), 4 * 0.3 / Math.sqrt(n));
                assertEquals(0.3, noise.stdNumber().doubleValue(), 0.003);
                continue;
            }
            // a binomial fraction of 100,000 entries: standard error 0.0015
            assertEquals(0.3, changed.sumNumber().doubleValue() / n, 0.006, kind.getKind() + " corrupted fraction");
            INDArray replaced = noisy.mul(changed);
            if (kind.getKind() == CorruptionLayer.Kind.MASKING) {
                assertEquals(0, replaced.amaxNumber().doubleValue(), 0);
            } else {
                double salt = replaced.eq(2.0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
                double pepper = replaced.eq(-1.0).castTo(DataType.DOUBLE).sumNumber().doubleValue();
                assertEquals(changed.sumNumber().doubleValue(), salt + pepper, 0, "replaced entries are low or high");
                assertEquals(0.5, salt / (salt + pepper), 0.02, "salt and pepper in equal parts");
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        INDArray x = TestData.normal(4, 5, 7, DataType.DOUBLE);
        for (CorruptionLayer kind : KINDS) {
            GradientChecks.assertGradientsMatch(behindDense(kind, 5), new INDArray[] {x}, new INDArray[] {x});
        }
        ComputationGraph denoising = new ComputationGraph(new AutoencoderGraphBuilder(6, 2).encoderSizes(5).decoderSizes(4)
                .activation(Activation.TANH).loss(ReconstructionLoss.BERNOULLI).updater(new NoOp()).dataType(DataType.DOUBLE)
                .corruption(new CorruptionLayer.Builder().masking(0.3).build()).build());
        denoising.init();
        INDArray binary = TestData.binary(5, 6, 9, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(denoising, new INDArray[] {binary}, new INDArray[] {binary});
    }

    @Test
    void gradientCheckFailsWhenTheMaskChangesBetweenEvaluations() {
        INDArray x = TestData.normal(4, 5, 7, DataType.DOUBLE);
        ComputationGraph graph = behindDense(new CorruptionLayer.Builder().masking(0.5).build(), 5);
        assertFalse(GradientChecks.check(graph, new INDArray[] {x}, new INDArray[] {x}, false));
    }

    @Test
    void roundTripsThroughJsonAndModelSerializer(@TempDir File folder) throws Exception {
        ComputationGraphConfiguration conf = new AutoencoderGraphBuilder(6, 2).encoderSizes(5)
                .corruption(new CorruptionLayer.Builder().saltAndPepper(0.2, -1, 1).build()).build();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray x = TestData.binary(64, 6, 3, DataType.FLOAT);
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 16, 1)));
        File file = new File(folder, "denoising.zip");
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);
        assertEquals(new Autoencoder(graph).reconstruct(x), new Autoencoder(loaded).reconstruct(x));
        CorruptionLayer corruption = (CorruptionLayer) loaded.getLayer(AutoencoderGraphBuilder.CORRUPTION).conf().getLayer();
        assertEquals(CorruptionLayer.Kind.SALT_AND_PEPPER, corruption.getKind());
        assertEquals(-1.0, corruption.getLow());
    }

    @Test
    void badInputIsNamedAndLeavesParametersUntouched() {
        assertMessage(() -> new CorruptionLayer.Builder().masking(1.5), "fraction", "[0, 1]", "found 1.5");
        assertMessage(() -> new CorruptionLayer.Builder().saltAndPepper(-0.1), "fraction", "found -0.1");
        assertMessage(() -> new CorruptionLayer.Builder().gaussian(-1), "std", "found -1.0");
        assertMessage(() -> new CorruptionLayer.Builder().saltAndPepper(0.1, 1, 0), "low, high");
        ComputationGraph graph = new ComputationGraph(new AutoencoderGraphBuilder(6, 2)
                .corruption(new CorruptionLayer.Builder().masking(0.2).build()).build());
        graph.init();
        INDArray before = graph.params().dup();
        INDArray x = TestData.binary(8, 6, 3, DataType.FLOAT);
        x.putScalar(2, 3, Double.NaN);
        assertMessage(() -> graph.fit(new UnsupervisedIterator(graph, new org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator(
                new org.nd4j.linalg.dataset.DataSet(x, Nd4j.zeros(8, 1))))), "features", "NaN");
        assertEquals(before, graph.params());
    }
}
