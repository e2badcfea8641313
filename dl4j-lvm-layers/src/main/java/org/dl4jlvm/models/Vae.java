package org.dl4jlvm.models;

import java.util.List;
import java.util.Map;
import org.dl4jlvm.api.ConditionalModel;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.Contexts;
import org.dl4jlvm.core.LogScaleBounds;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.vae.LatentWidth;
import org.dl4jlvm.vae.Reparameterization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained VAE graph seen as a latent variable model: encoder q(z | x) = N(mean, diag exp(logVariance)),
 * decoder p(x | z) and prior p(z) = N(0, I) (or, with {@link VaeGraphBuilder#conditionalPrior()}, a learned
 * p(z | c)). Works on any graph with an encoder head {@code [mean | logVariance]}, a sampling layer fed by it, and a
 * {@link LikelihoodOutputLayer} whose input is computed from the sampling layer alone (through a flow posterior's
 * steps, if any: {@code FlowPosterior}); the names default to those of {@link VaeGraphBuilder}.
 * Scores are in nats per example. Not thread-safe: it drives the graph's layers directly.
 *
 * <p>A graph with a second input is a conditional VAE ({@link VaeGraphBuilder#context(int)}): q(z | x, c) and
 * p(x | z, c), the input merged with x before the encoder and with z before the decoder. Its methods take the
 * context beside x or z ({@code [n, C]}, or one row for all), and the context-free ones refuse to run without it.
 */
public class Vae implements LatentVariableModel, ConditionalModel {
    private final ComputationGraph graph;
    private final String encoderHead;
    private final String latent;
    private final SubGraph decoder;
    private final String decoderOut;
    private final Likelihood likelihood;
    private final int latentWidth;
    private final long dataWidth;
    /** A flow posterior's steps, from the sampling layer and the encoder's features to the KL head's input; or null. */
    private final PosteriorFlow flow;
    /** N(0, I) or a conditional prior computed from the context. */
    private final LatentPrior prior;
    /** The width of a conditional VAE's context input (the graph's second input), or 0. */
    private final long contextWidth;
    /** The most rows the importance-weighted bound decodes at once: its k draws of a batch go in chunks. */
    private static final long DECODED_ROWS = 4096;
    private int importanceSamples = 1;
    private final Random random;

    /** A VAE over a graph built by {@link VaeGraphBuilder}; {@code seed} seeds the Monte Carlo estimates. */
    public Vae(ComputationGraph graph, long seed) {
        this(graph, VaeGraphBuilder.ENCODER_HEAD, VaeGraphBuilder.LATENT, VaeGraphBuilder.RECONSTRUCTION, seed);
    }

    /** A VAE over any graph, given the names of its encoder head, sampling layer and reconstruction head. */
    public Vae(ComputationGraph graph, String encoderHead, String latent, String reconstruction, long seed) {
        this.graph = graph;
        this.encoderHead = SubGraph.vertex(graph, "encoderHead", encoderHead);
        this.latent = SubGraph.vertex(graph, "latent", latent);
        this.likelihood = LikelihoodOutputLayer.in(graph, "reconstruction", reconstruction).getLikelihood();
        this.decoderOut = graph.getConfiguration().getVertexInputs().get(reconstruction).get(0);
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        String context = inputs.size() > 1 ? inputs.get(1) : null;
        this.decoder = new SubGraph(graph, context == null ? List.of(latent) : List.of(latent, context), decoderOut);
        this.latentWidth = (int) LatentWidth.of("encoderHead '" + encoderHead + "' width",
                SubGraph.width(graph, "encoderHead", encoderHead));
        this.dataWidth = likelihood.dataWidth(SubGraph.width(graph, "reconstruction input", decoderOut));
        this.contextWidth = context == null ? 0 : Contexts.width(graph.getConfiguration(), context,
                Map.of(inputs.get(0), dataWidth, latent, (long) latentWidth));
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        this.flow = PosteriorFlow.of(graph, this.encoderHead, latentWidth);
        this.prior = LatentPrior.of(graph, latentWidth);
    }

    public ComputationGraph graph() {
        return graph;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public int latentWidth() {
        return latentWidth;
    }

    @Override
    public long dataWidth() {
        return dataWidth;
    }

    /**
     * Sets the number k of importance samples of {@link #logLikelihood}: 1 (the default) gives the ELBO, more
     * give the tighter importance-weighted bound at k times the cost. Returns this model.
     */
    public Vae importanceSamples(int k) {
        this.importanceSamples = Checks.atLeastOne("k", k);
        return this;
    }

    /** A lower bound: the ELBO, or the importance-weighted bound with {@link #importanceSamples(int)} k > 1. */
    @Override
    public LikelihoodKind likelihoodKind() {
        return LikelihoodKind.LOWER_BOUND;
    }

    /** The width C of a conditional VAE's context ({@link VaeGraphBuilder#context(int)}); 0 without one. */
    @Override
    public long contextWidth() {
        return contextWidth;
    }

    /** The ELBO (k = 1) or the importance-weighted bound per example, in nats, shape [batch]. */
    @Override
    public INDArray logLikelihood(INDArray x) {
        return logLikelihood(x, null);
    }

    /** The bound on {@code log p(x | context)} per example: the ELBO, or with k > 1 the importance-weighted bound. */
    @Override
    public INDArray logLikelihood(INDArray x, INDArray context) {
        return (importanceSamples == 1 ? negElbo(x, context, 1) : negLogLikelihoodIwae(x, context, importanceSamples)).neg();
    }

    /** The posterior parameters {@code [mean | logVariance]}, shape [batch, 2Q]. */
    public INDArray encodeParameters(INDArray x) {
        return encodeParameters(x, null);
    }

    /** The posterior parameters of q(z | x, context). */
    public INDArray encodeParameters(INDArray x, INDArray context) {
        return encoderOutputs(x, context)[0];
    }

    /** The encoder head's activations and, with a flow posterior, the encoder features its steps read. */
    private INDArray[] encoderOutputs(INDArray x, INDArray context) {
        Checks.width("x", x, dataWidth);
        Checks.finite("x", x);
        INDArray c = contextRows(context, x.size(0));
        INDArray[] inputs = c == null ? new INDArray[] {x} : new INDArray[] {x, c};
        if (flow == null) {
            return graph.output(List.of(encoderHead), false, inputs, null);
        }
        Map<String, INDArray> activations = graph.feedForward(inputs, graph.getVertex(encoderHead).getVertexIndex(), false);
        return new INDArray[] {activations.get(encoderHead), activations.get(flow.features())};
    }

    /**
     * The posterior mean, shape [batch, Q]: the usual point embedding. With a flow posterior, the flow's image of the
     * Gaussian's mean.
     */
    @Override
    public INDArray encode(INDArray x) {
        return encode(x, null);
    }

    /** The posterior mean of q(z | x, context) (through the flow, if any). */
    public INDArray encode(INDArray x, INDArray context) {
        INDArray[] encoded = encoderOutputs(x, context);
        return draw(encoded, Nd4j.zeros(encoded[0].dataType(), x.size(0), latentWidth))[0];
    }

    /** The decoder's distribution parameters theta(z), shape [batch, parameterWidth]. */
    public INDArray decodeParameters(INDArray z) {
        return decodeParameters(z, null);
    }

    /** The decoder's distribution parameters theta(z, context). */
    public INDArray decodeParameters(INDArray z, INDArray context) {
        Checks.width("z", z, latentWidth);
        INDArray c = contextRows(context, z.size(0));
        return c == null ? decoder.apply(z) : decoder.apply(z, c);
    }

    /** The decoder mean E[x | z], shape [batch, D]. */
    @Override
    public INDArray decode(INDArray z) {
        return decode(z, null);
    }

    /** The decoder mean E[x | z, context]. */
    public INDArray decode(INDArray z, INDArray context) {
        return likelihood.mean(decodeParameters(z, context));
    }

    private INDArray contextRows(INDArray context, long n) {
        return Contexts.rows("VAE", context, contextWidth, n, graph.getConfiguration().getDataType());
    }

    /** Decoder means of the posterior means: {@code decode(encode(x))}. */
    @Override
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x));
    }

    /** n draws from the model: {@code z ~ N(0, I)}, {@code x ~ p(x | z)}. */
    @Override
    public INDArray sample(int n, long seed) {
        return sample(n, null, seed);
    }

    /** n draws of p(x | context): {@code z ~ N(0, I)}, {@code x ~ p(x | z, context)} (one context row, or n). */
    @Override
    public INDArray sample(int n, INDArray context, long seed) {
        Random generator = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray c = contextRows(context, n);
        return likelihood.sample(decodeParameters(prior.draw(prior.parameters(c), n, generator), c), generator);
    }

    /** The decoder means of n prior draws {@code z ~ N(0, I)} (smoother pictures than {@link #sample}). */
    public INDArray sampleMeans(int n, long seed) {
        return sampleMeans(n, null, seed);
    }

    /** The decoder means of n prior draws given the context. */
    public INDArray sampleMeans(int n, INDArray context, long seed) {
        Random generator = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray c = contextRows(context, n);
        return decode(prior.draw(prior.parameters(c), n, generator), c);
    }

    /**
     * The negative ELBO per example, shape [batch]:
     * {@code -ELBO(x) = E_q[-log p(x | z)] + KL(q(z | x) || p(z))}, the expectation estimated with
     * {@code samples} reparameterised draws, the KL in closed form.
     */
    public INDArray negElbo(INDArray x, int samples) {
        return negElbo(x, null, samples);
    }

    /** The negative ELBO of {@code log p(x | context)} per example, q and p given the context. */
    public INDArray negElbo(INDArray x, INDArray context, int samples) {
        Checks.atLeastOne("samples", samples);
        INDArray c = contextRows(context, x.size(0));
        INDArray[] encoded = encoderOutputs(x, c);
        INDArray priorParameters = prior.parameters(c);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, x.size(0));
        for (int s = 0; s < samples; s++) {
            INDArray[] drawn = draw(encoded, Nd4j.randn(random, new long[] {x.size(0), latentWidth}));
            sum.addi(likelihood.negLogLikelihood(x, decodeParameters(drawn[0], c)).castTo(DataType.DOUBLE));
            if (flow != null) {
                sum.addi(drawn[1]).subi(prior.logDensity(drawn[0], priorParameters));
            }
        }
        return flow != null ? sum.divi(samples) : sum.divi(samples).addi(prior.kl(encoded[0], priorParameters));
    }

    /**
     * The importance-weighted bound per example, negated, shape [batch]:
     * {@code -log (1/k) sum_i p(x | z_i) p(z_i) / q(z_i | x)}, {@code z_i ~ q(z | x)}. It equals the negative
     * ELBO in expectation for k = 1 and decreases towards -log p(x) as k grows.
     *
     * <p>Reference: Burda, Grosse and Salakhutdinov, Importance Weighted Autoencoders, 2016 (arXiv:1509.00519).
     */
    public INDArray negLogLikelihoodIwae(INDArray x, int k) {
        return negLogLikelihoodIwae(x, null, k);
    }

    /** The importance-weighted bound of {@code log p(x | context)}, negated, per example. */
    public INDArray negLogLikelihoodIwae(INDArray x, INDArray context, int k) {
        Checks.atLeastOne("k", k);
        long batch = x.size(0);
        INDArray c = contextRows(context, batch);
        INDArray[] encoded = encoderOutputs(x, c);
        int perCall = (int) Math.max(1, DECODED_ROWS / batch);
        INDArray logWeights = Nd4j.create(DataType.DOUBLE, k, batch);
        for (int start = 0; start < k; start += perCall) {
            int samples = Math.min(perCall, k - start);
            INDArray[] repeated = new INDArray[encoded.length];
            for (int i = 0; i < encoded.length; i++) {
                repeated[i] = Nd4j.tile(encoded[i], samples, 1);
            }
            INDArray[] drawn = draw(repeated, Nd4j.randn(random, new long[] {samples * batch, latentWidth}));
            INDArray contexts = c == null ? null : Nd4j.tile(c, samples, 1);
            INDArray logLikelihood = likelihood.negLogLikelihood(Nd4j.tile(x, samples, 1), decodeParameters(drawn[0], contexts))
                    .castTo(DataType.DOUBLE).negi();
            INDArray priorParameters = contexts == null ? null : prior.parameters(contexts);
            logWeights.get(NDArrayIndex.interval(start, start + samples), NDArrayIndex.all()).assign(logLikelihood
                    .addi(prior.logDensity(drawn[0], priorParameters)).subi(drawn[1]).reshape('c', samples, batch));
        }
        INDArray max = logWeights.max(0);
        INDArray weights = Transforms.exp(logWeights.subRowVector(max), false);
        INDArray logMeanWeight = Transforms.log(weights.sum(0), false);
        return logMeanWeight.addi(max).subi(Math.log(k)).negi();
    }

    /**
     * A draw of q(z | x) and its log-density, {@code {z, log q(z | x)}} (the second in double, shape [batch]), from the
     * encoder's outputs and the noise: {@code z_0 = mean + exp(logVariance / 2) * noise}, through the flow's steps
     * when the posterior has them ({@code log q(z_K | x) = log q(z_0 | x) - sum_k log|det|}).
     */
    private INDArray[] draw(INDArray[] encoded, INDArray noise) {
        INDArray mean = encoded[0].get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth));
        INDArray logVariance = encoded[0].get(NDArrayIndex.all(), NDArrayIndex.interval(latentWidth, 2 * latentWidth));
        INDArray std = Reparameterization.standardDeviation(logVariance);
        INDArray eps = noise.castTo(std.dataType());
        INDArray z = Reparameterization.draw(mean, std, eps, mean.ulike());
        INDArray logDensity = eps.mul(eps).addi(LogScaleBounds.bound(logVariance)).addi(Math.log(2 * Math.PI))
                .sum(1).castTo(DataType.DOUBLE).muli(-0.5);
        return flow == null ? new INDArray[] {z, logDensity} : flow.apply(z, logDensity, encoded[1]);
    }
}
