package org.dl4jlvm.flows;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
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
 * whose score is the negative log-likelihood in nats per example. Kinds:
 * <ul>
 *   <li>{@link Kind#REALNVP}: affine couplings with alternating masks ({@code coupling-i});</li>
 *   <li>{@link Kind#NICE}: additive couplings with alternating masks, then a diagonal scaling
 *       ({@code scale}, an {@link ActNorm});</li>
 *   <li>{@link Kind#GLOW}: steps of {@link ActNorm} ({@code actnorm-i}), {@link InvertibleLinear}
 *       ({@code linear-i}) and an affine coupling on the first half ({@code coupling-i}).</li>
 * </ul>
 * Optional pre-processing: {@link #dequantize} for data in [0, 1] on a grid, or {@link #standardize} for
 * tabular data. Train with {@code graph.fit(new UnsupervisedIterator(graph, iterator))}; wrap the trained
 * graph in {@link Flow}.
 */
public class FlowGraphBuilder {
    public static final String INPUT = "x";
    public static final String OUTPUT = "nll";
    public static final String PREPROCESSING = "preprocessing";

    /** The architecture of the chain. */
    public enum Kind { REALNVP, NICE, GLOW }

    private final Kind kind;
    private final int dimension;
    private int steps = 8;
    private int[] hidden = {128, 128};
    private Activation activation = Activation.RELU;
    private double logScaleBound = 3.0;
    private IUpdater updater = new HostAdam(1e-3);
    private long seed = 12345;
    private DataType dataType = DataType.FLOAT;
    private Layer preprocessing;

    public FlowGraphBuilder(Kind kind, int dimension) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.dimension = dimension;
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension: a coupling flow needs D >= 2, found " + dimension);
        }
    }

    /** Number of steps (couplings; Glow steps of three layers), default 8. */
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

    /** Bound of the affine couplings' soft-clamped log-scale (default 3). */
    public FlowGraphBuilder logScaleBound(double bound) {
        this.logScaleBound = Checks.positive("logScaleBound", bound);
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
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.feedForward(dimension));
        String previous = INPUT;
        if (preprocessing != null) {
            graph.addLayer(PREPROCESSING, preprocessing.clone(), previous);
            previous = PREPROCESSING;
        }
        for (int i = 0; i < steps; i++) {
            previous = addStep(graph, i, previous);
        }
        if (kind == Kind.NICE) {
            graph.addLayer("scale", new ActNorm.Builder().dimension(dimension).build(), previous);
            previous = "scale";
        }
        graph.addLayer(OUTPUT, new FlowLikelihoodOutputLayer(), previous);
        return graph.setOutputs(OUTPUT).build();
    }

    private String addStep(ComputationGraphConfiguration.GraphBuilder graph, int i, String previous) {
        String coupling = "coupling-" + i;
        switch (kind) {
            case REALNVP:
                graph.addLayer(coupling, affine().mask(Masks.alternating(dimension, i % 2)).build(), previous);
                return coupling;
            case NICE:
                graph.addLayer(coupling, new AdditiveCoupling.Builder().dimension(dimension).hidden(hidden)
                        .activation(activation).mask(Masks.alternating(dimension, i % 2)).build(), previous);
                return coupling;
            default:
                graph.addLayer("actnorm-" + i, new ActNorm.Builder().dimension(dimension).build(), previous);
                graph.addLayer("linear-" + i, new InvertibleLinear.Builder().dimension(dimension).seed(seed + i).build(),
                        "actnorm-" + i);
                graph.addLayer(coupling, affine().mask(Masks.firstHalf(dimension)).build(), "linear-" + i);
                return coupling;
        }
    }

    private AffineCoupling.Builder affine() {
        return new AffineCoupling.Builder().dimension(dimension).hidden(hidden).activation(activation)
                .logScaleBound(logScaleBound);
    }
}
