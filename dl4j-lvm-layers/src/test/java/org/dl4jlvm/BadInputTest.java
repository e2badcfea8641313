package org.dl4jlvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.dl4jlvm.vae.GaussianKl;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Bad input gives an IllegalArgumentException that names the parameter, and the model is left as it was. */
class BadInputTest {

    private static void assertRejected(String mustMention, Executable action) {
        Rejections.assertMessage(action, mustMention);
    }

    @Test
    void oddMeanLogVarianceWidthAtConfiguration() {
        assertRejected("even width", () -> new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("head", new DenseLayer.Builder().nOut(5).build(), "in")
                .addLayer("z", new GaussianSamplingLayer.Builder().build(), "head")
                .addLayer("out", new LikelihoodOutputLayer(new BernoulliLikelihood()), "z")
                .setOutputs("out").build());
    }

    @Test
    void oddMeanLogVarianceWidthAtEvaluation() {
        assertRejected("meanLogVariance", () -> GaussianKl.of(Nd4j.zeros(3, 5)));
    }

    @Test
    void oddKlHeadInputAtTraining() {
        ComputationGraph graph = Graphs.denseThenHead(3, 5, Activation.IDENTITY, new KlRegularizerOutputLayer());
        assertRejected("KlRegularizerOutputLayer", () -> graph.fit(new MultiDataSet(Nd4j.rand(DataType.DOUBLE, 4, 3),
                Nd4j.zeros(DataType.DOUBLE, 4, 1))));
    }

    @Test
    void decoderWidthThatDoesNotFitTheLikelihood() {
        // a learned-variance Gaussian needs 2D = 8 parameters for data of width 4; the dense layer gives 4
        ComputationGraph graph = Graphs.denseThenHead(3, 4, Activation.IDENTITY,
                new LikelihoodOutputLayer(GaussianLikelihood.learnedVariance()));
        INDArray before = graph.params().dup();
        assertRejected("decoder output width must be 8", () -> graph.fit(new MultiDataSet(
                Nd4j.rand(DataType.DOUBLE, 4, 3), Nd4j.rand(DataType.DOUBLE, 4, 4))));
        assertEquals(before, graph.params(), "parameters must be untouched");
    }

    @Test
    void wrongDataWidthForTheModel() {
        assertRejected("parameters: expected width 6", () -> new BernoulliLikelihood()
                .negLogLikelihood(Nd4j.zeros(2, 6), Nd4j.zeros(2, 5)));
    }

    @Test
    void negativeBeta() {
        assertRejected("beta", () -> new KlRegularizerOutputLayer.Builder().beta(-0.5));
        assertRejected("beta", () -> new VaeGraphBuilder(4, 2).beta(-1));
        KlRegularizerOutputLayer scheduled = new KlRegularizerOutputLayer.Builder()
                .betaSchedule(new MapSchedule(ScheduleType.ITERATION, java.util.Map.of(0, 1.0, 10, -2.0))).build();
        assertEquals(1.0, scheduled.beta(3, 0));
        assertRejected("beta", () -> scheduled.beta(10, 0));
    }

    @Test
    void nanInTheDataIsRejectedBeforeTraining() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(4).decoderSizes(4).build());
        graph.init();
        INDArray x = TestData.binary(8, 6, 1, DataType.FLOAT);
        INDArray before = graph.params().dup();
        x.putScalar(3, 2, Double.NaN);
        assertRejected("features", () -> graph.fit(new UnsupervisedIterator(graph, unchecked(x))));
        assertEquals(before, graph.params(), "parameters must be untouched");
        assertRejected("features", () -> TestData.iterator(x, 4, 1));
    }

    /** Past the iterator's check: the non-finite score makes the head name the bad array, before any update. */
    @Test
    void nanFedStraightToTheGraphIsNamedByTheHeadBeforeTheUpdate() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(6, 2).encoderSizes(4).decoderSizes(4).build());
        graph.init();
        INDArray x = TestData.binary(8, 6, 1, DataType.FLOAT);
        x.putScalar(3, 2, Double.NaN);
        INDArray before = graph.params().dup();
        org.nd4j.linalg.dataset.MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x},
                new INDArray[] {x, Nd4j.zeros(DataType.FLOAT, 8, 1)});
        assertRejected("LikelihoodOutputLayer 'reconstruction' labels", () -> graph.fit(batch));
        assertEquals(before, graph.params(), "parameters must be untouched");
    }

    /** A one-batch iterator of DL4J's that does not check its data, to reach the adapter's own check. */
    private static ListDataSetIterator<DataSet> unchecked(INDArray x) {
        return new ListDataSetIterator<>(java.util.List.of(new DataSet(x, Nd4j.zeros(x.size(0), 1))), (int) x.size(0));
    }

    @Test
    void badLikelihoodSettings() {
        assertRejected("variance", () -> GaussianLikelihood.fixedVariance(0));
        assertRejected("latentWidth", () -> new VaeGraphBuilder(4, 0));
    }
}
