package org.dl4jlvm.flows;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.flows.embedding.ConvolutionalEmbedding;
import org.dl4jlvm.flows.embedding.MlpEmbedding;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Conditional flows, p(x | context): gradient checks with the context as a second input and with the context computed
 * by a trainable layer (so its gradient is checked), the iterator adapter's two sources of context, training, and one
 * clear error for each missing or malformed context.
 */
class ConditionalFlowTest {
    private static final int D = FlowGraphs.D;

    private static INDArray[] labels(int n) {
        return new INDArray[] {Nd4j.zeros(DataType.DOUBLE, n, 1)};
    }

    @TestFactory
    List<DynamicTest> everyConditionalChainHasCorrectGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Supplier<ComputationGraph>> chain : FlowGraphs.conditionalChains(D, Activation.TANH).entrySet()) {
            tests.add(DynamicTest.dynamicTest(chain.getKey(), () -> {
                ComputationGraph graph = chain.getValue().get();
                int context = (int) new Flow(graph).contextWidth();
                GradientChecks.assertGradientsMatch(graph, new INDArray[] {FlowGraphs.inputs(3, 5), FlowGraphs.inputs(3, 6, context)},
                        labels(3));
            }));
        }
        return tests;
    }

    /** {@code raw -> dense(2, tanh) = context}; {@code [x | context] -> MAF step -> spline coupling -> nll}. */
    @Test
    void theGradientReachesALayerThatComputesTheContext() {
        ComputationGraph graph = FlowGraphs.randomized(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("x", "raw").setInputTypes(InputType.feedForward(D), InputType.feedForward(3))
                .addLayer("embedding", new DenseLayer.Builder().nOut(2).activation(Activation.TANH).build(), "raw")
                .addVertex("merged", new MergeVertex(), "x", "embedding")
                .addLayer("maf", new AutoregressiveStep.Builder().dimension(D).contextWidth(2).order(Orders.reversed(D))
                        .hidden(5).activation(Activation.TANH).build(), "merged")
                .addLayer("spline", new CouplingStep.Builder().dimension(D).contextWidth(2).mask(Masks.alternating(D, 0))
                        .hidden(4).activation(Activation.TANH)
                        .transform(new org.dl4jlvm.flows.transform.RationalQuadraticSpline(3, 1.5)).build(), "maf")
                .addLayer("nll", new FlowLikelihoodOutputLayer().contextWidth(2), "spline")
                .setOutputs("nll").build());
        INDArray[] inputs = {FlowGraphs.inputs(3, 5), FlowGraphs.inputs(3, 6, 3)};
        GradientChecks.assertGradientsMatch(graph, inputs, labels(3));
        // the embedding does receive a gradient through the flow's conditioners
        graph.setInputs(inputs);
        graph.setLabels(labels(3));
        graph.computeGradientAndScore();
        assertTrue(graph.gradient().getGradientFor("embedding_W").amaxNumber().doubleValue() > 1e-6);
    }

    /** Two Gaussians, at (-2, 0) given 0 and at (2, 0) given 1: p(x | label) learns where the label puts the points. */
    @Test
    void trainsFromADataSetsLabelsAndFromAMultiDataSet() {
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(1), new long[] {512, 2}).muli(0.25)
                .castTo(DataType.FLOAT);
        INDArray label = Nd4j.zeros(DataType.FLOAT, 512, 1);
        for (int i = 0; i < 512; i++) {
            label.putScalar(i, 0, i % 2);
            x.putScalar(i, 0, x.getFloat(i, 0) + (i % 2 == 0 ? -2 : 2));
        }
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.MAF, 2).steps(4)
                .hidden(32, 32).context(1).updater(new org.dl4jlvm.training.HostAdam(1e-2)).seed(2).build());
        graph.init();
        Flow flow = new Flow(graph);
        List<DataSet> batches = new DataSet(x, label).batchBy(64);
        for (int epoch = 0; epoch < 30; epoch++) {
            graph.fit(new UnsupervisedIterator(graph, new ListDataSetIterator<>(batches, 64)));
        }
        INDArray right = Nd4j.createFromArray(new float[][] {{2f, 0f}});
        double given1 = flow.logLikelihood(right, Nd4j.createFromArray(new float[][] {{1}})).getDouble(0);
        double given0 = flow.logLikelihood(right, Nd4j.createFromArray(new float[][] {{0}})).getDouble(0);
        assertTrue(given1 > given0 + 10, "log p((2, 0) | 1) = " + given1 + " vs | 0: " + given0);
        INDArray samples = flow.sample(200, Nd4j.createFromArray(new float[][] {{1}}), 3);
        assertEquals(2.0, samples.getColumn(0).meanNumber().doubleValue(), 0.1, "samples given 1 lie at x = 2");

        double before = graph.score(new MultiDataSet(new INDArray[] {x, label}, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 512, 1)}));
        List<org.nd4j.linalg.dataset.api.MultiDataSet> multi = new ArrayList<>();
        for (DataSet batch : batches) {
            multi.add(new MultiDataSet(new INDArray[] {batch.getFeatures(), batch.getLabels()}, new INDArray[0]));
        }
        graph.fit(new UnsupervisedIterator(graph, new org.deeplearning4j.datasets.iterator.IteratorMultiDataSetIterator(
                multi.iterator(), 64)));
        double after = graph.score(new MultiDataSet(new INDArray[] {x, label}, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 512, 1)}));
        assertTrue(Double.isFinite(after) && after < before + 0.05, "a MultiDataSet epoch trains: " + before + " -> " + after);
    }

    @Test
    void aMissingOrMalformedContextIsRefusedClearly() {
        ComputationGraph graph = FlowGraphs.conditionalChains(D, Activation.TANH).get("maf").get();
        Flow flow = new Flow(graph);
        INDArray x = FlowGraphs.inputs(4, 1);
        INDArray params = graph.params().dup();
        assertMessage(() -> flow.logLikelihood(x), "context", "conditional", "width 2");
        assertMessage(() -> flow.logLikelihood(x, FlowGraphs.inputs(4, 2, 3)), "context", "width", "2", "3");
        assertMessage(() -> flow.sample(5, FlowGraphs.inputs(3, 2, 2), 1), "context", "one row or a row per example", "3");
        assertMessage(() -> graph.fit(new UnsupervisedIterator(graph, new org.deeplearning4j.datasets.iterator
                .ExistingDataSetIterator(List.of(new DataSet(x, null))))), "context", "labels", "found none");
        assertMessage(() -> new Flow(FlowGraphs.chains().get("maf").get()).logLikelihood(x, FlowGraphs.inputs(4, 2, 2)),
                "context", "no context input");
        assertEquals(params, graph.params(), "the parameters are untouched");
    }

    @Test
    void anEmbeddingsContextIsCheckedAtItsRawWidth() {
        Flow flow = new Flow(FlowGraphs.conditionalChains(D, Activation.TANH).get("convolutional-embedding").get());
        assertEquals(8, flow.contextWidth(), "the series' length, not the embedding's width 2");
        assertMessage(() -> flow.logLikelihood(FlowGraphs.inputs(4, 1), FlowGraphs.inputs(4, 2, 2)), "context", "width", "8", "2");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.MAF, 2).embedding(new MlpEmbedding(2)).build(),
                "embedding", "context(C)");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.MAF, 2).context(3)
                .embedding(new ConvolutionalEmbedding(2, new int[] {4, 4}, 3, 8)).build(), "context", "length of at least 4", "3");
        assertMessage(() -> new ConvolutionalEmbedding(2, new int[0], 3, 8), "channels", "at least one");
    }
}
