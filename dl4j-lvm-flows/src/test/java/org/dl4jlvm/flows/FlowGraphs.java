package org.dl4jlvm.flows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.dl4jlvm.flows.embedding.ConvolutionalEmbedding;
import org.dl4jlvm.flows.embedding.MlpEmbedding;
import org.dl4jlvm.flows.transform.AdditiveTransform;
import org.dl4jlvm.flows.transform.AffineTransform;
import org.dl4jlvm.flows.transform.ElementwiseTransform;
import org.dl4jlvm.flows.transform.RationalQuadraticSpline;
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

    /** Each step kind, configured for dimension D, with ReLU conditioners (tanh in "affine"). */
    static Map<String, Supplier<Layer>> steps() {
        return steps(D, Activation.RELU);
    }

    /** Each step kind for dimension d, with the given activation in the conditioners (tanh in "affine"). */
    static Map<String, Supplier<Layer>> steps(int d, Activation activation) {
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = 0.1 * (i % 3) - 0.1;
            scale[i] = 0.5 + 0.3 * i;
        }
        Map<String, Supplier<Layer>> steps = new LinkedHashMap<>();
        steps.put("additive", () -> new AdditiveCoupling.Builder().dimension(d).mask(Masks.firstHalf(d)).hidden(6, 5)
                .activation(activation).build());
        steps.put("affine", () -> new AffineCoupling.Builder().dimension(d).mask(Masks.random(d, 3)).hidden(6)
                .activation(Activation.TANH).build());
        steps.put("affine-alternating", () -> new AffineCoupling.Builder().dimension(d).mask(Masks.alternating(d, 1)).hidden(5)
                .activation(activation).build());
        steps.put("affine-3-layers", () -> new AffineCoupling.Builder().dimension(d).mask(Masks.alternating(d, 0)).hidden(6, 5, 4)
                .activation(activation).build());
        steps.put("spline-coupling", () -> new CouplingStep.Builder().dimension(d).mask(Masks.alternating(d, 0)).hidden(6)
                .activation(activation).transform(new RationalQuadraticSpline(5, 1.0)).build());
        steps.put("spline-coupling-tails", () -> new CouplingStep.Builder().dimension(d).mask(Masks.alternating(d, 1))
                .hidden(5, 4).activation(activation).transform(new RationalQuadraticSpline(3, 0.5)).build());
        steps.put("maf", () -> new AutoregressiveStep.Builder().dimension(d).order(Orders.random(d, 4)).hidden(7)
                .activation(activation).build());
        steps.put("maf-additive", () -> new AutoregressiveStep.Builder().dimension(d).order(Orders.natural(d)).hidden(6, 5)
                .activation(activation).transform(new AdditiveTransform()).build());
        steps.put("nsf-ar", () -> new AutoregressiveStep.Builder().dimension(d).order(Orders.reversed(d)).hidden(6)
                .activation(activation).transform(new RationalQuadraticSpline(4, 1.0)).build());
        steps.put("iaf", () -> new AutoregressiveStep.Builder().dimension(d).order(Orders.reversed(d)).hidden(7)
                .activation(activation).inverseAutoregressive().build());
        steps.put("permutation-reverse", () -> new Permutation.Builder().dimension(d).reverse().build());
        steps.put("permutation-random", () -> new Permutation.Builder().dimension(d).random(7).build());
        steps.put("actnorm", () -> new ActNorm.Builder().dimension(d).initialized(true).build());
        steps.put("invertible-linear", () -> new InvertibleLinear.Builder().dimension(d).seed(5).build());
        steps.put("dequantize-logit", () -> new DequantizeLogit.Builder().dimension(d).levels(256).alpha(0.05).build());
        steps.put("standardization", () -> new Standardization.Builder().dimension(d).mean(mean).scale(scale).build());
        return steps;
    }

    /** Each chain kind for dimension D with ReLU conditioners. */
    static Map<String, Supplier<ComputationGraph>> chains() {
        return chains(D, Activation.RELU);
    }

    /**
     * Each chain kind for dimension d: every preset (also Glow with dequantisation) and a standardised RealNVP whose
     * statistics come from seeded data. The splines have 4 bins on [-1, 1], where the inputs lie: with
     * 8 bins on [-3, 3], random parameters made 3-step spline chains so contracting (log-dets near -60 at D = 8) that
     * inverting them amplified double rounding to 4e-8.
     */
    static Map<String, Supplier<ComputationGraph>> chains(int d, Activation activation) {
        Map<String, Supplier<ComputationGraph>> chains = new LinkedHashMap<>();
        for (FlowGraphBuilder.Kind kind : FlowGraphBuilder.Kind.values()) {
            chains.put(kind.name().toLowerCase(), () -> randomized(new FlowGraphBuilder(kind, d).steps(3).hidden(5)
                    .activation(activation).splineBound(1.0).bins(4).dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        }
        chains.put("glow-dequantized", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.GLOW, d).steps(2).hidden(5)
                .activation(activation).dequantize(256).dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        chains.put("standardized-realnvp", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, d).steps(2)
                .hidden(5).activation(activation).standardize(inputs(10, 41, d)).dataType(DataType.DOUBLE)
                .updater(new NoOp()).build()));
        return chains;
    }

    /**
     * Conditional chains for dimension d with a context of width 2: RealNVP, NSF, MAF, IAF and Glow, and a standardised
     * RealNVP; and two whose context passes through an embedding trained with the flow: an MLP over a context of width
     * 3 (NSF), and a 1-D convolution over a series of length 8 (MAF).
     */
    static Map<String, Supplier<ComputationGraph>> conditionalChains(int d, Activation activation) {
        Map<String, Supplier<ComputationGraph>> chains = new LinkedHashMap<>();
        for (FlowGraphBuilder.Kind kind : new FlowGraphBuilder.Kind[] {FlowGraphBuilder.Kind.REALNVP,
                FlowGraphBuilder.Kind.NSF, FlowGraphBuilder.Kind.MAF, FlowGraphBuilder.Kind.IAF, FlowGraphBuilder.Kind.GLOW}) {
            chains.put(kind.name().toLowerCase(), () -> randomized(new FlowGraphBuilder(kind, d).steps(2).hidden(5)
                    .activation(activation).splineBound(1.0).bins(4).context(2).dataType(DataType.DOUBLE)
                    .updater(new NoOp()).build()));
        }
        chains.put("standardized-realnvp", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, d).steps(2)
                .hidden(5).activation(activation).standardize(inputs(10, 41, d)).context(2).dataType(DataType.DOUBLE)
                .updater(new NoOp()).build()));
        chains.put("mlp-embedding", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.NSF, d).steps(2).hidden(5)
                .activation(activation).splineBound(1.0).bins(4).context(3).embedding(new MlpEmbedding(2, 4))
                .dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        chains.put("convolutional-embedding", () -> randomized(new FlowGraphBuilder(FlowGraphBuilder.Kind.MAF, d).steps(2)
                .hidden(5).activation(activation).context(8).embedding(new ConvolutionalEmbedding(2, new int[] {3}, 3, 4))
                .dataType(DataType.DOUBLE).updater(new NoOp()).build()));
        return chains;
    }

    /**
     * Every step x transform x conditioner: coupling, MAF and IAF steps with the affine, additive and spline
     * transforms, each without context and with a context of width 2 (names end in "+context").
     */
    static Map<String, Supplier<Layer>> composed(int d, Activation activation) {
        Map<String, Supplier<Layer>> steps = new LinkedHashMap<>();
        Map<String, Supplier<ElementwiseTransform>> transforms = new LinkedHashMap<>();
        transforms.put("affine", () -> new AffineTransform(2.0));
        transforms.put("additive", AdditiveTransform::new);
        transforms.put("spline", () -> new RationalQuadraticSpline(4, 1.0));
        for (int context : new int[] {0, 2}) {
            String suffix = context == 0 ? "" : "+context";
            for (Map.Entry<String, Supplier<ElementwiseTransform>> transform : transforms.entrySet()) {
                steps.put("coupling-" + transform.getKey() + suffix, () -> new CouplingStep.Builder().dimension(d)
                        .contextWidth(context).mask(Masks.alternating(d, 1)).hidden(6, 5).activation(activation)
                        .transform(transform.getValue().get()).build());
                steps.put("maf-" + transform.getKey() + suffix, () -> new AutoregressiveStep.Builder().dimension(d)
                        .contextWidth(context).order(Orders.random(d, 5)).hidden(7).activation(activation)
                        .transform(transform.getValue().get()).build());
                steps.put("iaf-" + transform.getKey() + suffix, () -> new AutoregressiveStep.Builder().dimension(d)
                        .contextWidth(context).order(Orders.reversed(d)).hidden(7).activation(activation)
                        .transform(transform.getValue().get()).inverseAutoregressive().build());
            }
        }
        return steps;
    }

    /**
     * {@code [x | context] -> step -> nll} for dimension d and the step's context width, with {@code dense(tanh)}
     * layers before x and the context ({@code afterDense = true}) so that a gradient check covers the step's input
     * gradients, or without (for the contract, whose inputs must reach the step unchanged).
     */
    static ComputationGraph withContext(Layer step, int d, boolean afterDense) {
        long context = ((SameDiffFlowStep) step).getContextWidth();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder();
        String x = "x";
        String c = "context";
        if (context == 0) {
            graph.addInputs(x).setInputTypes(InputType.feedForward(d));
        } else {
            graph.addInputs(x, c).setInputTypes(InputType.feedForward(d), InputType.feedForward(context));
        }
        if (afterDense) {
            graph.addLayer("dense-x", new DenseLayer.Builder().nOut(d).activation(Activation.TANH).build(), x);
            x = "dense-x";
            if (context > 0) {
                graph.addLayer("dense-context", new DenseLayer.Builder().nOut(context).activation(Activation.TANH).build(), c);
                c = "dense-context";
            }
        }
        String in = x;
        if (context > 0) {
            graph.addVertex("merged", new org.deeplearning4j.nn.conf.graph.MergeVertex(), x, c);
            in = "merged";
        }
        return randomized(graph.addLayer("step", step, in)
                .addLayer("nll", new FlowLikelihoodOutputLayer().contextWidth(context), "step").setOutputs("nll").build());
    }

    /** {@code x -> step -> nll} for dimension D. */
    static ComputationGraph single(Layer step) {
        return single(step, D);
    }

    /** {@code x -> step -> nll} for dimension d. */
    static ComputationGraph single(Layer step, int d) {
        return randomized(base(d).addLayer("step", step, "x").addLayer("nll", new FlowLikelihoodOutputLayer(), "step")
                .setOutputs("nll").build());
    }

    /** {@code x -> dense(D, sigmoid) -> step -> nll}: gradients flow through the step into the dense layer. */
    static ComputationGraph afterDense(Layer step) {
        return randomized(base(D)
                .addLayer("dense", new DenseLayer.Builder().nOut(D).activation(Activation.SIGMOID).build(), "x")
                .addLayer("step", step, "dense").addLayer("nll", new FlowLikelihoodOutputLayer(), "step")
                .setOutputs("nll").build());
    }

    private static ComputationGraphConfiguration.GraphBuilder base(int d) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(d));
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
        return inputs(n, seed, D);
    }

    /** n seeded inputs of width d, uniform in (0.05, 0.95). */
    static INDArray inputs(int n, long seed, int d) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {n, d}).muli(0.9).addi(0.05)
                .castTo(DataType.DOUBLE);
    }
}
