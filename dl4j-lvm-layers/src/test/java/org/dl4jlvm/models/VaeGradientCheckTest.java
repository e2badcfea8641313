package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.Graphs;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.likelihood.LaplaceLikelihood;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Finite-difference gradient checks in double precision with the NoOp updater. */
class VaeGradientCheckTest {

    static Stream<Likelihood> likelihoods() {
        return Stream.of(new BernoulliLikelihood(), GaussianLikelihood.fixedVariance(0.5),
                GaussianLikelihood.learnedVariance(), LaplaceLikelihood.fixedScale(0.7), LaplaceLikelihood.learnedScale());
    }

    @ParameterizedTest
    @MethodSource("likelihoods")
    void likelihoodOutputLayer(Likelihood likelihood) {
        int d = 5;
        INDArray x = likelihood instanceof BernoulliLikelihood
                ? TestData.binary(6, d, 1, DataType.DOUBLE) : TestData.normal(6, d, 1, DataType.DOUBLE);
        ComputationGraph graph = Graphs.denseThenHead(4, (int) likelihood.parameterWidth(d), Activation.IDENTITY,
                new LikelihoodOutputLayer(likelihood));
        INDArray input = TestData.normal(6, 4, 2, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {input}, new INDArray[] {x});
    }

    /** A zero input row meets zero biases: its parameters (logits) are exactly 0, where kinks in a formula show. */
    @ParameterizedTest
    @MethodSource("likelihoods")
    void likelihoodOutputLayerAtZeroParameters(Likelihood likelihood) {
        int d = 5;
        INDArray x = likelihood instanceof BernoulliLikelihood
                ? TestData.binary(6, d, 1, DataType.DOUBLE) : TestData.normal(6, d, 1, DataType.DOUBLE);
        ComputationGraph graph = Graphs.denseThenHead(4, (int) likelihood.parameterWidth(d), Activation.IDENTITY,
                new LikelihoodOutputLayer(likelihood));
        INDArray input = TestData.normal(6, 4, 2, DataType.DOUBLE);
        input.getRow(0).assign(0);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {input}, new INDArray[] {x});
    }

    @Test
    void klRegularizerWithBeta() {
        ComputationGraph graph = Graphs.denseThenHead(4, 6, Activation.IDENTITY,
                new KlRegularizerOutputLayer.Builder().beta(0.7).build());
        INDArray input = TestData.normal(5, 4, 3, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {input}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 5, 1)});
    }

    @Test
    void samplingLayer() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(4))
                .addLayer("head", new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build(), "input")
                .addLayer("z", new GaussianSamplingLayer.Builder().build(), "head")
                .addLayer("decoder", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "z")
                .addLayer("out", new LikelihoodOutputLayer(GaussianLikelihood.fixedVariance(1.0)), "decoder")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray input = TestData.normal(5, 4, 4, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {input}, new INDArray[] {input});
    }

    @Test
    void wholeVae() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(5).decoderSizes(5)
                .activation(Activation.TANH).updater(new NoOp()).dataType(DataType.DOUBLE).beta(0.5).seed(9).build());
        graph.init();
        INDArray x = TestData.binary(4, 6, 5, DataType.DOUBLE);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x},
                new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)});
    }

    /** The check can fail: a sampling layer whose backward pass used fresh noise would be caught. */
    @Test
    void checkDetectsNoiseNotReseeded() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(5).decoderSizes(5)
                .activation(Activation.TANH).updater(new NoOp()).dataType(DataType.DOUBLE).seed(9).build());
        graph.init();
        INDArray x = TestData.binary(4, 6, 5, DataType.DOUBLE);
        boolean ok = GradientChecks.check(graph, new INDArray[] {x},
                new INDArray[] {x, Nd4j.zeros(DataType.DOUBLE, 4, 1)}, false);
        assertFalse(ok, "without re-seeding, every evaluation draws new noise and the check must fail");
    }
}
