package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.core.DirectScore;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * DL4J's finite-difference gradient check, in double precision, for every step (after a dense layer, so that
 * the gradient must also pass through the step to its input) and for every chain with its output layer.
 */
class FlowGradientCheckTest {

    @TestFactory
    List<DynamicTest> everyStepAndChainHasCorrectGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Supplier<Layer>> step : FlowGraphs.steps().entrySet()) {
            tests.add(DynamicTest.dynamicTest("step " + step.getKey(), () -> check(FlowGraphs.afterDense(step.getValue().get()))));
        }
        for (Map.Entry<String, Supplier<ComputationGraph>> chain : FlowGraphs.chains().entrySet()) {
            tests.add(DynamicTest.dynamicTest("chain " + chain.getKey(), () -> check(chain.getValue().get())));
        }
        return tests;
    }

    /**
     * Every step x transform x conditioner, with and without context, at D = 2, 3, 5 and 8, after dense layers (so
     * the gradients of x and of the context are checked too). At most 40 entries of each parameter array: an IAF
     * step's forward pass is D conditioner passes in SameDiff, and every entry costs two of them.
     */
    @TestFactory
    List<DynamicTest> everyComposedStepHasCorrectGradientsAtEveryDimension() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int d : new int[] {2, 3, 5, 8}) {
            for (Map.Entry<String, Supplier<Layer>> step : FlowGraphs.composed(d, Activation.TANH).entrySet()) {
                tests.add(DynamicTest.dynamicTest("D = " + d + ", " + step.getKey(), () -> {
                    ComputationGraph graph = FlowGraphs.withContext(step.getValue().get(), d, true);
                    INDArray x = FlowGraphs.inputs(3, 5, d);
                    INDArray[] inputs = graph.getConfiguration().getNetworkInputs().size() == 1 ? new INDArray[] {x}
                            : new INDArray[] {x, FlowGraphs.inputs(3, 6, 2)};
                    GradientChecks.assertGradientsMatch(graph, inputs, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)}, 40);
                }));
            }
        }
        return tests;
    }

    private static void check(ComputationGraph graph) {
        INDArray x = FlowGraphs.inputs(3, 5);
        GradientChecks.assertGradientsMatch(graph, new INDArray[] {x}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)});
    }

    /** The check can fail: without re-seeding, the dequantisation noise differs between evaluations. */
    @Test
    void checkFailsWhenTheDequantisationNoiseIsNotReproduced() {
        ComputationGraph graph = FlowGraphs.afterDense(FlowGraphs.steps().get("dequantize-logit").get());
        INDArray x = FlowGraphs.inputs(3, 5);
        assertFalse(GradientChecks.check(graph, new INDArray[] {x}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)}, false));
    }

    /**
     * The check catches a deterministic error too: a flow head whose gradient is 0.1% too large (its score exact)
     * fails, while the same graph with the true head passes.
     */
    @Test
    void checkFailsWhenTheHeadsGradientIsOffByOneTenthOfAPercent() {
        Supplier<Layer> step = FlowGraphs.steps().get("affine-3-layers");
        INDArray x = FlowGraphs.inputs(3, 5);
        INDArray[] labels = {Nd4j.zeros(DataType.DOUBLE, 3, 1)};
        assertTrue(GradientChecks.check(withHead(step.get(), new FlowLikelihoodOutputLayer()), new INDArray[] {x}, labels, true));
        assertFalse(GradientChecks.check(withHead(step.get(), new SkewedHead()), new INDArray[] {x}, labels, true));
    }

    private static ComputationGraph withHead(Layer step, FlowLikelihoodOutputLayer head) {
        return FlowGraphs.randomized(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).updater(new NoOp())
                .graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(FlowGraphs.D))
                .addLayer("step", step, "x").addLayer("nll", head, "step").setOutputs("nll").build());
    }

    /** The flow head with its input gradient scaled by 1.001. */
    static class SkewedHead extends FlowLikelihoodOutputLayer {
        private static final long serialVersionUID = 1L;

        @Override
        public DirectScore directScore() {
            DirectScore exact = super.directScore();
            return new DirectScore() {
                @Override
                public INDArray perExample(INDArray input, INDArray labels) {
                    return exact.perExample(input, labels);
                }

                @Override
                public INDArray inputGradient(INDArray input, INDArray labels) {
                    return exact.inputGradient(input, labels).muli(1.001);
                }
            };
        }
    }
}
