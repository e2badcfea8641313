package org.dl4jlvm.flows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Every flow step and every chain, as small DOUBLE graphs with random parameters, for the contract tests. */
final class FlowGraphs {
    static final int D = 4;

    private FlowGraphs() {
    }

    /** Each step kind, configured for dimension D. */
    static Map<String, Supplier<Layer>> steps() {
        Map<String, Supplier<Layer>> steps = new LinkedHashMap<>();
        steps.put("additive", () -> new AdditiveCoupling.Builder().dimension(D).mask(Masks.firstHalf(D)).hidden(6, 5).build());
        steps.put("affine", () -> new AffineCoupling.Builder().dimension(D).mask(Masks.random(D, 3)).hidden(6)
                .activation(Activation.TANH).build());
        steps.put("affine-alternating", () -> new AffineCoupling.Builder().dimension(D).mask(Masks.alternating(D, 1)).hidden(5).build());
        steps.put("permutation-reverse", () -> new Permutation.Builder().dimension(D).reverse().build());
        steps.put("permutation-random", () -> new Permutation.Builder().dimension(D).random(7).build());
        steps.put("actnorm", () -> new ActNorm.Builder().dimension(D).initialized(true).build());
        steps.put("invertible-linear", () -> new InvertibleLinear.Builder().dimension(D).seed(5).build());
        steps.put("dequantize-logit", () -> new DequantizeLogit.Builder().dimension(D).levels(256).alpha(0.05).build());
        steps.put("standardization", () -> new Standardization.Builder().dimension(D)
                .mean(0.1, -0.2, 0.3, 0.0).scale(0.5, 2.0, 1.5, 0.8).build());
        return steps;
    }

    /** Each chain kind: RealNVP, NICE, Glow (with dequantisation) and a hand-built chain of fixed steps. */
    static Map<String, Supplier<ComputationGraph>> chains() {
        Map<String, Supplier<ComputationGraph>> chains = new LinkedHashMap<>();
        for (FlowGraphBuilder.Kind kind : FlowGraphBuilder.Kind.values()) {
            chains.put(kind.name().toLowerCase(), () -> randomized(new FlowGraphBuilder(kind, D).steps(3).hidden(5)
                    .dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        }
        chains.put("glow-dequantized", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.GLOW, D).steps(2).hidden(5)
                .dequantize(256).dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        chains.put("standardized-realnvp", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, D).steps(2)
                .hidden(5).standardize(Nd4j.rand(DataType.DOUBLE, 10, D)).dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        return chains;
    }

    /** {@code x -> step -> nll}. */
    static ComputationGraph single(Layer step) {
        return randomized(base().addLayer("step", step, "x").addLayer("nll", new FlowLikelihoodOutputLayer(), "step")
                .setOutputs("nll").build());
    }

    /** {@code x -> dense(D, sigmoid) -> step -> nll}: gradients flow through the step into the dense layer. */
    static ComputationGraph afterDense(Layer step) {
        return randomized(base()
                .addLayer("dense", new DenseLayer.Builder().nOut(D).activation(Activation.SIGMOID).build(), "x")
                .addLayer("step", step, "dense").addLayer("nll", new FlowLikelihoodOutputLayer(), "step")
                .setOutputs("nll").build());
    }

    private static ComputationGraphConfiguration.GraphBuilder base() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(D));
    }

    /** Initialises the graph and replaces every parameter with N(0, 0.5^2) noise, so no step is the identity. */
    static ComputationGraph randomized(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        if (graph.numParams() > 0) {
            graph.params().assign(Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(99), graph.params().shape()).muli(0.5));
        }
        return graph;
    }

    /** Inputs inside every step's domain: uniform in (0.05, 0.95) (the dequantisation step needs [0, 1]). */
    static INDArray inputs(int n, long seed) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {n, D}).muli(0.9).addi(0.05)
                .castTo(DataType.DOUBLE);
    }
}
