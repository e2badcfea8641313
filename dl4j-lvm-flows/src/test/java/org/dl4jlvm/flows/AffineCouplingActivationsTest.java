package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.Rejections;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The affine coupling's training path (its hand-written backward pass) against DL4J's finite-difference gradient
 * check in double precision, with conditioners of 2 and 3 hidden layers, for every activation its builder accepts,
 * and its SameDiff definition (inverse, sampling) against the same function and the contract; the builder refuses the
 * others.
 */
class AffineCouplingActivationsTest {

    @TestFactory
    List<DynamicTest> everyAcceptedActivationWithTwoAndThreeHiddenLayers() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Activation> accepted = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            try {
                new AffineCoupling.Builder().activation(activation);
                accepted.add(activation);
            } catch (IllegalArgumentException refused) {
                tests.add(DynamicTest.dynamicTest(activation + " is refused, naming the option and the activation",
                        () -> Rejections.assertMessage(() -> new AffineCoupling.Builder().activation(activation),
                                "activation: expected", "found " + activation)));
            }
        }
        // the common ones, smooth and not, all pass; DL4J M2.1's SameDiff lacks SELU, SWISH, MISH, RELU6 and a few more
        tests.add(DynamicTest.dynamicTest("the common activations are accepted", () -> assertTrue(accepted.containsAll(
                List.of(Activation.RELU, Activation.LEAKYRELU, Activation.ELU, Activation.TANH, Activation.SIGMOID,
                        Activation.SOFTPLUS, Activation.GELU, Activation.IDENTITY)), accepted.toString())));
        for (Activation activation : accepted) {
            for (int[] hidden : new int[][] {{6, 5}, {6, 5, 4}}) {
                tests.add(DynamicTest.dynamicTest(activation + " " + hidden.length + " hidden layers", () -> {
                    ComputationGraph graph = FlowGraphs.afterDense(new AffineCoupling.Builder().dimension(FlowGraphs.D)
                            .mask(Masks.alternating(FlowGraphs.D, 0)).hidden(hidden).activation(activation).build());
                    INDArray x = FlowGraphs.inputs(3, 5);
                    GradientChecks.assertGradientsMatch(graph, new INDArray[] {x},
                            new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)});
                    // the SameDiff definition (inverse, sampling) computes the same function with the same activation
                    AffineCoupling step = (AffineCoupling) graph.getLayer("step").conf().getLayer();
                    INDArray y = step.forward(x, graph.getLayer("step").paramTable()).value();
                    assertEquals(0.0, step.inverse(y, graph.getLayer("step").paramTable()).value().sub(x).amaxNumber()
                            .doubleValue(), 1e-10);
                    // and the training path computes the definition's function (M2.1's SameDiff LEAKYRELU did not)
                    BijectorContractTest.assertContract(FlowGraphs.single(step.clone()), FlowGraphs.D);
                }));
            }
        }
        return tests;
    }
}
