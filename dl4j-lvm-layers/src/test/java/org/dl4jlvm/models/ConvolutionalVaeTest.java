package org.dl4jlvm.models;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.likelihood.Likelihood;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The convolutional VAE ({@link ConvolutionalEncoder}, {@link ConvolutionalDecoder}): gradient checks in double of the
 * whole graph, plain, conditional and with batch normalisation; save and load; one clear error per bad shape.
 */
class ConvolutionalVaeTest {
    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;

    private static ComputationGraph graph(Likelihood likelihood, int context, boolean batchNormalization, DataType type) {
        VaeGraphBuilder builder = new VaeGraphBuilder(D, 2)
                .encoder(new ConvolutionalEncoder(SIDE, SIDE, 1).filters(2, 3).kernel(3).denseSizes(4)
                        .batchNormalization(batchNormalization))
                .decoder(new ConvolutionalDecoder(SIDE, SIDE).filters(3, 2).kernel(3).denseSizes()
                        .batchNormalization(batchNormalization))
                .likelihood(likelihood).activation(Activation.TANH).updater(new NoOp()).dataType(type).seed(7);
        ComputationGraph graph = new ComputationGraph((context > 0 ? builder.context(context) : builder).build());
        graph.init();
        return graph;
    }

    private static INDArray zeros(int n) {
        return Nd4j.zeros(DataType.DOUBLE, n, 1);
    }

    @Test
    void gradientsOfTheConvolutionalGraph() {
        INDArray x = TestData.binary(4, D, 3, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph(new BernoulliLikelihood(), 0, false, DataType.DOUBLE),
                new INDArray[] {x}, new INDArray[] {x, zeros(4)});
    }

    /** Two output channels per pixel, [means | log-scales]: the flattening must hand the likelihood the layout it reads. */
    @Test
    void gradientsWithTwoParametersPerPixelAndAContext() {
        INDArray x = TestData.normal(4, D, 4, DataType.DOUBLE);
        INDArray context = TestData.normal(4, 3, 5, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph(GaussianLikelihood.learnedVariance(), 3, false, DataType.DOUBLE),
                new INDArray[] {x, context}, new INDArray[] {x, zeros(4)});
    }

    @Test
    void gradientsWithBatchNormalization() {
        INDArray x = TestData.binary(6, D, 6, DataType.DOUBLE);
        ComputationGraph graph = graph(new BernoulliLikelihood(), 0, true, DataType.DOUBLE);
        Set<String> runningStatistics = Set.of("encoder-conv-1-norm_mean", "encoder-conv-1-norm_log10stdev",
                "encoder-conv-2-norm_mean", "encoder-conv-2-norm_log10stdev",
                "decoder-deconv-1-norm_mean", "decoder-deconv-1-norm_log10stdev");
        assertEquals(runningStatistics.size(), graph.paramTable().keySet().stream().filter(runningStatistics::contains).count(),
                "the running statistics are named as expected: " + graph.paramTable().keySet());
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x}, new INDArray[] {x, zeros(6)}, runningStatistics);
    }

    @Test
    void savesAndLoadsWithTheSameEncoderAndDecoder() throws Exception {
        ComputationGraph graph = graph(new BernoulliLikelihood(), 2, true, DataType.FLOAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(graph.getConfiguration(), ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson()));
        Vae vae = new Vae(graph, 1);
        Vae loaded = new Vae(restored, 1);
        assertEquals(D, loaded.dataWidth());
        assertEquals(2, loaded.contextWidth());
        INDArray x = TestData.binary(5, D, 8, DataType.FLOAT);
        INDArray context = TestData.normal(5, 2, 9, DataType.FLOAT);
        INDArray z = vae.encode(x, context);
        assertEquals(z, loaded.encode(x, context));
        assertEquals(vae.decode(z, context), loaded.decode(z, context));
        assertEquals(5, vae.decodeParameters(z, context).size(0));
        assertEquals(D, vae.decodeParameters(z, context).size(1));
    }

    @Test
    void badShapesAreRefusedClearly() {
        assertMessage(() -> new VaeGraphBuilder(100, 2).encoder(new ConvolutionalEncoder(28, 28, 1)).build(),
                "dataWidth", "28 x 28 x 1", "784", "100");
        assertMessage(() -> new VaeGraphBuilder(30 * 28, 2).decoder(new ConvolutionalDecoder(30, 28).filters(8, 8, 8)).build(),
                "filters", "divisible by 8", "30 x 28");
        assertMessage(() -> new ConvolutionalDecoder(28, 28).filters(), "filters", "at least one");
        Vae vae = new Vae(graph(new BernoulliLikelihood(), 0, false, DataType.FLOAT), 1);
        assertMessage(() -> vae.encode(Nd4j.zeros(DataType.FLOAT, 2, 1, SIDE, SIDE)), "x", "[batch, width]", "[2, 1, 8, 8]");
        assertMessage(() -> vae.logLikelihood(Nd4j.zeros(DataType.FLOAT, 2, D - 1)), "x", "width " + D, "width " + (D - 1));
    }
}
