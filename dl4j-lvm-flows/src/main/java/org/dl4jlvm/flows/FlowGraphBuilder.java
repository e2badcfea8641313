package org.dl4jlvm.flows;

import org.dl4jlvm.flows.embedding.ContextEmbedding;
import org.dl4jlvm.flows.transform.RationalQuadraticSpline;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.dl4jlvm.training.HostAdam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Assembles a flow over vectors of dimension D as an ordinary {@link ComputationGraphConfiguration}:
 * {@code x -> [pre-processing] -> step 1 -> ... -> step n -> nll} ({@link FlowLikelihoodOutputLayer}),
 * whose score is the negative log-likelihood in nats per example. The steps come from a {@link StepFactory}: one of
 * the presets ({@link Kind}) or the user's own.
 *
 * <p>Optional pre-processing: {@link #dequantize} for data in [0, 1] on a grid, or {@link #standardize} for tabular
 * data. With {@link #context(int)} the flow is conditional, p(x | context): the graph has a second input
 * {@value #CONTEXT} of width C, merged beside x ({@value #MERGED}), and every step carries it
 * ({@code [x | context | logDet]}) for its conditioner; with {@link #embedding}, a network trained with the flow reads
 * the context first. Train with
 * {@code graph.fit(new UnsupervisedIterator(graph, iterator))}; wrap the trained graph in {@link Flow}.
 */
public class FlowGraphBuilder {
    public static final String INPUT = "x";
    public static final String CONTEXT = "context";
    public static final String MERGED = "x-and-context";
    public static final String OUTPUT = "nll";
    public static final String PREPROCESSING = "preprocessing";

    /** The presets: each a {@link StepFactory}. Vertex names end in the step's index. */
    public enum Kind implements StepFactory {
        /** Affine couplings with alternating masks ({@code coupling-i}); Dinh et al. 2017, arXiv:1605.08803. */
        REALNVP {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("coupling-" + i, s.affineCoupling(Masks.alternating(s.dimension(), i % 2)));
            }
        },
        /** Additive couplings with alternating masks, then a diagonal scaling ({@code scale}); arXiv:1410.8516. */
        NICE {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("coupling-" + i, s.additiveCoupling(Masks.alternating(s.dimension(), i % 2)));
            }

            @Override
            public Map<String, Layer> end(StepSettings s) {
                return one("scale", s.actNorm());
            }
        },
        /** ActNorm, invertible linear map and affine coupling on the first half per step; arXiv:1807.03039. */
        GLOW {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                Map<String, Layer> layers = new LinkedHashMap<>();
                layers.put("actnorm-" + i, s.actNorm());
                layers.put("linear-" + i, s.invertibleLinear(s.seed() + i));
                layers.put("coupling-" + i, s.affineCoupling(Masks.firstHalf(s.dimension())));
                return layers;
            }
        },
        /** Rational-quadratic spline couplings with alternating masks (NSF-C); arXiv:1906.04032. */
        NSF {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("coupling-" + i, s.coupling(Masks.alternating(s.dimension(), i % 2)).transform(s.spline()).build());
            }
        },
        /** Autoregressive rational-quadratic splines, orders alternating natural and reversed (NSF-AR). */
        NSF_AR {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("autoregressive-" + i, s.autoregressive(s.alternatingOrder(i)).transform(s.spline()).build());
            }
        },
        /** Masked autoregressive flow: affine autoregressive steps, orders alternating; arXiv:1705.07057. */
        MAF {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("autoregressive-" + i, s.autoregressive(s.alternatingOrder(i)).build());
            }
        },
        /** Inverse autoregressive flow: sampling in one pass, density in D passes; arXiv:1606.04934. */
        IAF {
            @Override
            public Map<String, Layer> step(int i, StepSettings s) {
                return one("autoregressive-" + i, s.autoregressive(s.alternatingOrder(i)).inverseAutoregressive().build());
            }
        };

        private static Map<String, Layer> one(String name, Layer layer) {
            Map<String, Layer> layers = new LinkedHashMap<>();
            layers.put(name, layer);
            return layers;
        }
    }

    private final StepFactory factory;
    private final int dimension;
    private int contextWidth;
    private int steps = 8;
    private int[] hidden = {128, 128};
    private Activation activation = Activation.RELU;
    private double logScaleBound = 3.0;
    private int bins = 8;
    private double splineBound = 5.0;
    private IUpdater updater = new HostAdam(1e-3);
    private long seed = 12345;
    private DataType dataType = DataType.FLOAT;
    private Layer preprocessing;
    private ContextEmbedding embedding;

    /** A chain of the steps {@code factory} makes (a {@link Kind} or the user's own) over vectors of dimension D. */
    public FlowGraphBuilder(StepFactory factory, int dimension) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.dimension = dimension;
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension: a coupling or autoregressive flow needs D >= 2, found " + dimension);
        }
    }

    /** Number of steps (each one call of the factory: a coupling, or Glow's three layers), default 8. */
    public FlowGraphBuilder steps(int steps) {
        this.steps = Checks.atLeastOne("steps", steps);
        return this;
    }

    /** Hidden sizes of every conditioner MLP (default 128, 128). */
    public FlowGraphBuilder hidden(int... hidden) {
        for (int size : hidden) {
            Checks.atLeastOne("hidden sizes", size);
        }
        this.hidden = hidden.clone();
        return this;
    }

    /** Activation of the conditioners' hidden layers (default ReLU). */
    public FlowGraphBuilder activation(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /** Bound of the affine transforms' soft-clamped log-scale (default 3). */
    public FlowGraphBuilder logScaleBound(double bound) {
        this.logScaleBound = Checks.positive("logScaleBound", bound);
        return this;
    }

    /** Bins K of the spline transforms (default 8). */
    public FlowGraphBuilder bins(int bins) {
        this.bins = RationalQuadraticSpline.checkBins(bins);
        return this;
    }

    /** Half-width B of the spline transforms' interval [-B, B] (default 5); identity outside. */
    public FlowGraphBuilder splineBound(double bound) {
        this.splineBound = RationalQuadraticSpline.checkBound(bound);
        return this;
    }

    /** A conditional flow, p(x | context): a second graph input {@value #CONTEXT} of width C >= 1. */
    public FlowGraphBuilder context(int contextWidth) {
        this.contextWidth = Checks.atLeastOne("contextWidth", contextWidth);
        return this;
    }

    /**
     * Reads the context through a network trained with the flow (an {@link org.dl4jlvm.flows.embedding.MlpEmbedding}
     * or {@link org.dl4jlvm.flows.embedding.ConvolutionalEmbedding}, say): {@code context -> embedding -> [x | e]};
     * the steps see its E outputs. Needs {@link #context(int)}, the raw context's width.
     */
    public FlowGraphBuilder embedding(ContextEmbedding embedding) {
        this.embedding = Objects.requireNonNull(embedding, "embedding");
        return this;
    }

    /** Updater (default {@link HostAdam} 1e-3: ND4J's Adam, computed faster). */
    public FlowGraphBuilder updater(IUpdater updater) {
        this.updater = Objects.requireNonNull(updater, "updater");
        return this;
    }

    public FlowGraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Network data type (default FLOAT; DOUBLE for gradient checks). */
    public FlowGraphBuilder dataType(DataType dataType) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        return this;
    }

    /** Pre-process data in [0, 1] on a grid of {@code levels} values with {@link DequantizeLogit}. */
    public FlowGraphBuilder dequantize(int levels) {
        this.preprocessing = new DequantizeLogit.Builder().dimension(dimension).levels(levels).build();
        return this;
    }

    /** Pre-process with a {@link Standardization} by the column means and deviations of {@code data}. */
    public FlowGraphBuilder standardize(INDArray data) {
        Checks.width("standardize data", data, dimension);
        this.preprocessing = new Standardization.Builder().of(data).build();
        return this;
    }

    /** Pre-process with a {@link Standardization} by the given column means and standard deviations. */
    public FlowGraphBuilder standardize(double[] mean, double[] scale) {
        this.preprocessing = new Standardization.Builder().dimension(dimension).mean(mean).scale(scale).build();
        return this;
    }

    public ComputationGraphConfiguration build() {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.RELU).dataType(dataType)
                .graphBuilder();
        String previous = INPUT;
        if (contextWidth == 0) {
            if (embedding != null) {
                throw new IllegalArgumentException("embedding: an embedding reads the context; set its width with context(C)");
            }
            graph.addInputs(INPUT).setInputTypes(InputType.feedForward(dimension));
        } else {
            InputType contextType = embedding == null ? InputType.feedForward(contextWidth) : embedding.inputType(contextWidth);
            graph.addInputs(INPUT, CONTEXT).setInputTypes(InputType.feedForward(dimension), contextType);
            String context = embedding == null ? CONTEXT : add(graph, embedding.layers(contextWidth), CONTEXT);
            graph.addVertex(MERGED, new MergeVertex(), INPUT, context);
            previous = MERGED;
        }
        int stepContext = embedding == null ? contextWidth : embedding.width();
        if (preprocessing != null) {
            graph.addLayer(PREPROCESSING, withContext(preprocessing.clone(), stepContext), previous);
            previous = PREPROCESSING;
        }
        StepSettings settings = new StepSettings(dimension, stepContext, hidden, activation, logScaleBound, bins,
                splineBound, seed);
        for (int i = 0; i < steps; i++) {
            previous = add(graph, factory.step(i, settings), previous);
        }
        previous = add(graph, factory.end(settings), previous);
        graph.addLayer(OUTPUT, new FlowLikelihoodOutputLayer().contextWidth(stepContext), previous);
        return graph.setOutputs(OUTPUT).build();
    }

    private static Layer withContext(Layer layer, int contextWidth) {
        if (contextWidth == 0) {
            return layer;
        }
        if (!(layer instanceof SameDiffFlowStep)) {
            throw new IllegalArgumentException("context: a conditional flow carries its context through every step, "
                    + "which " + layer.getClass().getSimpleName() + " does not; use standardize(...) or no pre-processing");
        }
        ((SameDiffFlowStep) layer).setContextWidth(contextWidth);
        return layer;
    }

    private static String add(ComputationGraphConfiguration.GraphBuilder graph, Map<String, Layer> layers, String previous) {
        for (Map.Entry<String, Layer> layer : layers.entrySet()) {
            graph.addLayer(layer.getKey(), layer.getValue(), previous);
            previous = layer.getKey();
        }
        return previous;
    }
}
