package org.dl4jlvm.flows;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.TestData;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Wrong dimensions, D = 1 for a coupling, masks of the wrong length, NaN and out-of-range data: clear errors. */
class FlowBadInputTest {

    private static void graphWithInputWidth(int width, Layer step) {
        new NeuralNetConfiguration.Builder().graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(width))
                .addLayer("step", step, "x").addLayer("nll", new FlowLikelihoodOutputLayer(), "step").setOutputs("nll").build();
    }

    @Test
    void dimensionThatDoesNotMatchTheInput() {
        assertMessage(() -> graphWithInputWidth(7, new AffineCoupling.Builder().dimension(4).mask(Masks.firstHalf(4)).build()),
                "expected input width 4", "found width 7");
        assertMessage(() -> graphWithInputWidth(4, new ActNorm.Builder().build()), "dimension must be >= 1", "not set");
        Flow flow = new Flow(FlowGraphs.chains().get("realnvp").get());
        assertMessage(() -> flow.logLikelihood(Nd4j.rand(DataType.DOUBLE, 3, 5)), "x", "expected width 4", "found width 5");
        assertMessage(() -> flow.inverse(Nd4j.rand(DataType.DOUBLE, 3, 2)), "z", "expected width 4");
    }

    @Test
    void couplingNeedsTwoDimensions() {
        assertMessage(() -> Masks.firstHalf(1), "D >= 2", "found 1");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, 1), "dimension", "D >= 2", "found 1");
        assertMessage(() -> graphWithInputWidth(1, new AdditiveCoupling.Builder().dimension(1).mask(1).build()),
                "dimension must be >= 2", "found 1");
    }

    @Test
    void maskOfTheWrongLength() {
        assertMessage(() -> graphWithInputWidth(4, new AffineCoupling.Builder().dimension(4).mask(1, 0, 1).build()),
                "mask", "length 4", "found length 3");
        assertMessage(() -> graphWithInputWidth(4, new AffineCoupling.Builder().dimension(4).mask(1, 1, 1, 1).build()),
                "mask", "both kept (1) and transformed (0)");
        assertMessage(() -> graphWithInputWidth(4, new Permutation.Builder().dimension(4).permutation(0, 1, 1, 3).build()),
                "permutation", "exactly once");
    }

    @Test
    void orderThatIsNotAPermutationOrContextOfTheWrongWidth() {
        assertMessage(() -> graphWithInputWidth(3, new AutoregressiveStep.Builder().dimension(3).order(0, 2, 2).build()),
                "order", "each of 0..2 exactly once", "[0, 2, 2]");
        assertMessage(() -> graphWithInputWidth(3, new AutoregressiveStep.Builder().dimension(3).order(1, 0).build()),
                "order", "length 3", "found length 2");
        assertMessage(() -> graphWithInputWidth(5, new CouplingStep.Builder().dimension(3).contextWidth(4)
                .mask(Masks.firstHalf(3)).build()), "input width 7 or 8", "context width 4", "found width 5");
        assertMessage(() -> new CouplingStep.Builder().contextWidth(-1), "contextWidth", "found -1");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.NSF, 2).bins(1), "bins", "K >= 2", "found 1");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.NSF, 2).splineBound(-1), "bound", "B > 0", "found -1.0");
        assertMessage(() -> new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, 4).dequantize(256).context(2).build(),
                "context", "DequantizeLogit");
    }

    @Test
    void nanIsRejectedBeforeItReachesTheParameters() {
        ComputationGraph graph = FlowGraphs.chains().get("realnvp").get();
        INDArray x = FlowGraphs.inputs(8, 3);
        x.putScalar(2, 1, Double.NaN);
        assertMessage(() -> new Flow(graph).logLikelihood(x), "x", "finite", "1 NaN");
        INDArray before = graph.params().dup();
        assertMessage(() -> graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 4, 1))), "finite");
        assertEquals(before, graph.params());
    }

    @Test
    void dequantisationRejectsDataOutsideTheUnitInterval() {
        ComputationGraph graph = FlowGraphs.chains().get("glow-dequantized").get();
        INDArray x = FlowGraphs.inputs(8, 3).muli(2);
        INDArray before = graph.params().dup();
        assertMessage(() -> graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 8, 1))), "DequantizeLogit", "[0, 1]");
        assertEquals(before, graph.params());
    }

    @Test
    void aScoreThatOverflowsFromFiniteDataStopsTrainingWithParametersUntouched() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(4))
                .addLayer("coupling", new AffineCoupling.Builder().dimension(4).mask(Masks.firstHalf(4)).hidden(8).build(), "x")
                .addLayer("nll", new FlowLikelihoodOutputLayer(), "coupling").setOutputs("nll").build());
        graph.init();
        // finite float data whose squares (about 1e50) overflow float in the base density
        INDArray x = TestData.normal(16, 4, 2, DataType.FLOAT).muli(1e25f);
        INDArray before = graph.params().dup();
        org.dl4jlvm.core.NonFiniteScoreException stop = assertThrows(org.dl4jlvm.core.NonFiniteScoreException.class,
                () -> graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 8, 1))));
        assertTrue(stop.getMessage().startsWith("nll: the score is Infinity from finite data at iteration 0"), stop.getMessage());
        assertEquals(before, graph.params(), "no update was applied");
    }
}
