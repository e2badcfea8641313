package org.dl4jlvm.flows;

import org.dl4jlvm.api.ConditionalModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.api.BitsPerDim;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.Contexts;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained flow graph seen as an invertible chain with a standard normal base: the chain of
 * {@link Bijector} layers from the network input to the {@link FlowLikelihoodOutputLayer}, each applied
 * with its trained parameters. Forward maps data to latent (density evaluation); inverse maps latent to
 * data (sampling), walking the steps in reverse. Log-likelihoods are in nats per example.
 * Works on any graph whose output head is fed by a single-input chain of bijector layers.
 *
 * <p>A conditional flow (p(x | context), {@link FlowGraphBuilder#context(int)}) starts its chain at a merge of the
 * inputs x and context; its methods take the context beside x ({@code [n, C]}, or one row {@code [1, C]} for all), and
 * the context-free ones refuse to run without it.
 */
public class Flow implements LatentVariableModel, ConditionalModel {
    private final ComputationGraph graph;
    private final List<String> steps;
    private final long dimension;
    private final long contextWidth;
    /** The last vertex of the network between the context input and the merge, or null when the steps read it raw. */
    private final String embedding;

    /** The flow of a graph with exactly one {@link FlowLikelihoodOutputLayer}. */
    public Flow(ComputationGraph graph) {
        this.graph = graph;
        ComputationGraphConfiguration conf = graph.getConfiguration();
        this.steps = chain(conf);
        this.dimension = bijector(steps.get(0)).width();
        String start = conf.getVertexInputs().containsKey(steps.get(0)) ? conf.getVertexInputs().get(steps.get(0)).get(0) : null;
        String context = start != null && mergesX(conf, start) ? conf.getVertexInputs().get(start).get(1) : null;
        this.embedding = context == null || conf.getNetworkInputs().contains(context) ? null : context;
        this.contextWidth = embedding == null ? bijector(steps.get(0)).contextWidth() : rawContextWidth(conf);
    }

    /**
     * True for a conditional flow's {@code [x | context]}: a vertex that merges the input x with the context input or
     * with the output of a network over it ({@link FlowGraphBuilder#embedding}).
     */
    private static boolean mergesX(ComputationGraphConfiguration conf, String name) {
        List<String> inputs = conf.getVertexInputs().get(name);
        return conf.getVertices().get(name) instanceof org.deeplearning4j.nn.conf.graph.MergeVertex && inputs.size() == 2
                && conf.getNetworkInputs().contains(inputs.get(0));
    }

    /** The width of the graph's context input: what the first layer reading it takes per example. */
    private static long rawContextWidth(ComputationGraphConfiguration conf) {
        String input = conf.getNetworkInputs().get(conf.getNetworkInputs().size() - 1);
        for (Map.Entry<String, List<String>> reader : conf.getVertexInputs().entrySet()) {
            GraphVertex vertex = conf.getVertices().get(reader.getKey());
            if (reader.getValue().equals(Collections.singletonList(input)) && vertex instanceof LayerVertex) {
                InputPreProcessor reshape = ((LayerVertex) vertex).getPreProcessor();
                if (reshape instanceof FeedForwardToCnnPreProcessor) {
                    FeedForwardToCnnPreProcessor image = (FeedForwardToCnnPreProcessor) reshape;
                    return image.getInputHeight() * image.getInputWidth() * image.getNumChannels();
                }
                Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
                if (reshape == null && layer instanceof FeedForwardLayer) {
                    return ((FeedForwardLayer) layer).getNIn();
                }
            }
        }
        throw new IllegalArgumentException("graph: expected the context input '" + input + "' to be read by a dense layer, "
                + "or by a convolution over a flat input; cannot tell its width");
    }

    private static List<String> chain(ComputationGraphConfiguration conf) {
        String head = null;
        for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
            if (vertex.getValue() instanceof LayerVertex
                    && ((LayerVertex) vertex.getValue()).getLayerConf().getLayer() instanceof FlowLikelihoodOutputLayer) {
                if (head != null) {
                    throw new IllegalArgumentException("graph: expected one FlowLikelihoodOutputLayer, found '" + head
                            + "' and '" + vertex.getKey() + "'");
                }
                head = vertex.getKey();
            }
        }
        if (head == null) {
            throw new IllegalArgumentException("graph: expected a FlowLikelihoodOutputLayer, found none among "
                    + conf.getVertices().keySet());
        }
        List<String> steps = new ArrayList<>();
        String current = conf.getVertexInputs().get(head).get(0);
        while (!conf.getNetworkInputs().contains(current) && !mergesX(conf, current)) {
            GraphVertex vertex = conf.getVertices().get(current);
            List<String> inputs = conf.getVertexInputs().get(current);
            if (!(vertex instanceof LayerVertex) || !(((LayerVertex) vertex).getLayerConf().getLayer() instanceof Bijector)
                    || inputs.size() != 1) {
                throw new IllegalArgumentException("graph: vertex '" + current + "' between the input and '" + head
                        + "' is not a single-input flow step (Bijector)");
            }
            steps.add(current);
            current = inputs.get(0);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("graph: no flow steps between the input and '" + head + "'");
        }
        Collections.reverse(steps);
        return steps;
    }

    private Bijector bijector(String step) {
        return (Bijector) ((LayerVertex) graph.getConfiguration().getVertices().get(step)).getLayerConf().getLayer();
    }

    private Map<String, INDArray> params(String step) {
        Map<String, INDArray> params = graph.getLayer(step).paramTable();
        return params == null ? Collections.emptyMap() : params;
    }

    /** The names of the steps, data side first. */
    public List<String> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** The dimension D. */
    public long dimension() {
        return dimension;
    }

    /** The width C of the context (0 for an unconditional flow). */
    @Override
    public long contextWidth() {
        return contextWidth;
    }

    @Override
    public long dataWidth() {
        return dimension;
    }

    /** A flow's latent space has the data's dimension D. */
    @Override
    public int latentWidth() {
        return (int) dimension;
    }

    /** The latent point {@code z} of x (forward). */
    @Override
    public INDArray encode(INDArray x) {
        return forward(x).value();
    }

    /** The data point of z (inverse). */
    @Override
    public INDArray decode(INDArray z) {
        return inverse(z);
    }

    /** {@code inverse(forward(x))}: x itself up to rounding (and, after a {@link DequantizeLogit}, the pixel grid's centre). */
    @Override
    public INDArray reconstruct(INDArray x) {
        return inverse(encode(x));
    }

    @Override
    public LikelihoodKind likelihoodKind() {
        return LikelihoodKind.EXACT;
    }

    public ComputationGraph graph() {
        return graph;
    }

    private INDArray checked(String parameter, INDArray array) {
        Checks.width(parameter, array, dimension);
        Checks.finite(parameter, array);
        return array.castTo(dataType());
    }

    /** The context for n examples: null without one; one row repeated, or n rows. */
    private INDArray context(INDArray context, long n) {
        return Contexts.rows("flow", context, contextWidth, n, dataType());
    }

    /** What the steps see of the context: the embedding network's output, or the context itself. */
    private INDArray embedded(INDArray context) {
        if (embedding == null || context == null) {
            return context;
        }
        // the forward pass stops at the embedding, which does not read x; x only has to have its shape
        INDArray x = Nd4j.zeros(dataType(), context.size(0), dimension);
        return graph.output(Collections.singletonList(embedding), false, new INDArray[] {x, context}, null)[0];
    }

    private DataType dataType() {
        return graph.getConfiguration().getDataType();
    }

    /** Forward, data to latent: {@code x -> (z, logDet)}, the step log-dets summed per example. */
    public FlowOutput forward(INDArray x) {
        return forward(x, null);
    }

    /** Forward given the context. */
    public FlowOutput forward(INDArray x, INDArray context) {
        INDArray value = checked("x", x);
        INDArray c = embedded(context(context, x.size(0)));
        INDArray logDet = Nd4j.zeros(dataType(), x.size(0), 1);
        for (String step : steps) {
            FlowOutput out = bijector(step).forward(value, c, params(step));
            value = out.value();
            logDet.addi(out.logDet());
        }
        return new FlowOutput(value, logDet);
    }

    /** Inverse, latent to data: {@code z -> (x, logDet)}, each step's inverse in reverse order. */
    public FlowOutput inverseWithLogDet(INDArray z) {
        return inverseWithLogDet(z, null);
    }

    /** Inverse given the context. */
    public FlowOutput inverseWithLogDet(INDArray z, INDArray context) {
        INDArray value = checked("z", z);
        INDArray c = embedded(context(context, z.size(0)));
        INDArray logDet = Nd4j.zeros(dataType(), z.size(0), 1);
        for (int i = steps.size() - 1; i >= 0; i--) {
            FlowOutput out = bijector(steps.get(i)).inverse(value, c, params(steps.get(i)));
            value = out.value();
            logDet.addi(out.logDet());
        }
        return new FlowOutput(value, logDet);
    }

    /** Inverse, latent to data: {@code z -> x}. */
    public INDArray inverse(INDArray z) {
        return inverseWithLogDet(z).value();
    }

    /** {@code n} samples: {@code inverse(z)} with {@code z ~ N(0, I)} drawn with {@code seed}. */
    @Override
    public INDArray sample(int n, long seed) {
        return sample(n, null, seed);
    }

    /** {@code n} samples given the context (one row for all, or a row per sample). */
    @Override
    public INDArray sample(int n, INDArray context, long seed) {
        return sample(n, context, 1.0, seed);
    }

    /**
     * {@code n} samples at temperature T: {@code inverse(z)} with {@code z ~ N(0, T^2 I)}; T below 1 trades diversity
     * for typical samples (Kingma and Dhariwal, Glow, 2018, section 5).
     */
    public INDArray sample(int n, double temperature, long seed) {
        return sample(n, null, temperature, seed);
    }

    /** {@code n} samples at temperature T given the context. */
    public INDArray sample(int n, INDArray context, double temperature, long seed) {
        Checks.atLeastOne("n", n);
        Checks.positive("temperature", temperature);
        INDArray z = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {n, dimension}).muli(temperature);
        return inverseWithLogDet(z.castTo(dataType()), context).value();
    }

    /** Exact {@code log p(x)} per example, {@code [n]}, in nats: {@code log N(z; 0, I) + logDet}. */
    @Override
    public INDArray logLikelihood(INDArray x) {
        return logLikelihood(x, null);
    }

    /**
     * Exact {@code log p(x | context)} per example, {@code [n]}, in nats. Computed by the graph's own inference pass
     * (the steps' training runtimes, which the tests hold to their definitions), up to the last step's
     * {@code [z | factored | context | logDet]}; {@link #forward} runs the definitions and gives the same values.
     */
    @Override
    public INDArray logLikelihood(INDArray x, INDArray context) {
        INDArray value = checked("x", x);
        INDArray c = context(context, x.size(0));
        INDArray last = graph.output(Collections.singletonList(steps.get(steps.size() - 1)), false,
                c == null ? new INDArray[] {value} : new INDArray[] {value, c}, null)[0];
        long width = last.size(1);
        INDArray zAndLogDet = Nd4j.hstack(last.get(NDArrayIndex.all(), NDArrayIndex.interval(0, dimension)),
                last.get(NDArrayIndex.all(), NDArrayIndex.interval(width - 1, width)));
        return FlowLikelihoodOutputLayer.negLogLikelihood(zAndLogDet).negi().reshape(x.size(0));
    }

    /**
     * Mean bits per dimension of {@code x}: {@code -log p(x) / (D log 2)}; when the chain starts with a
     * {@link DequantizeLogit} over {@code L} levels, of the discrete data, {@code (-log p(x) + D log(L - 1)) / (D log 2)}.
     */
    @Override
    public double bitsPerDim(INDArray x) {
        return bitsPerDim(logLikelihood(x).meanNumber().doubleValue());
    }

    /** {@link #bitsPerDim(INDArray)} from the mean {@code log p(x)} in nats, already computed. */
    public double bitsPerDim(double mean) {
        Bijector first = bijector(steps.get(0));
        return first instanceof DequantizeLogit ? BitsPerDim.discrete(mean, dimension, ((DequantizeLogit) first).getLevels() - 1)
                : BitsPerDim.of(mean, dimension);
    }

    /**
     * Runs the data-dependent initialisation of every {@link ActNorm} not yet initialised, on the first
     * minibatch of {@code iterator} (then resets it), in the order of the chain; a conditional flow takes the
     * minibatch's labels as the context.
     */
    public void initialize(DataSetIterator iterator) {
        if (iterator.resetSupported()) {
            iterator.reset();
        }
        org.nd4j.linalg.dataset.DataSet first = iterator.next();
        INDArray features = checked("iterator features", first.getFeatures());
        INDArray[] inputs = contextWidth == 0 ? new INDArray[] {features}
                : new INDArray[] {features, context(first.getLabels(), features.size(0))};
        graph.feedForward(inputs, true, true);
        if (iterator.resetSupported()) {
            iterator.reset();
        }
    }
}
