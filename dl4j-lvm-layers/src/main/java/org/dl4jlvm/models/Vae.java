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
import org.dl4jlvm.vae.GaussianKl;
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
 * decoder p(x | z) and prior p(z) = N(0, I). Works on any graph with an encoder head
 * {@code [mean | logVariance]}, a sampling layer fed by it, and a {@link LikelihoodOutputLayer} whose input
 * is computed from the sampling layer alone; the names default to those of {@link VaeGraphBuilder}.
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
    /** The width of a conditional VAE's context input (the graph's second input), or 0. */
    private final long contextWidth;
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
        Checks.width("x", x, dataWidth);
        Checks.finite("x", x);
        INDArray c = contextRows(context, x.size(0));
        INDArray[] inputs = c == null ? new INDArray[] {x} : new INDArray[] {x, c};
        return graph.output(List.of(encoderHead), false, inputs, null)[0];
    }

    /** The posterior mean, shape [batch, Q]: the usual point embedding. */
    @Override
    public INDArray encode(INDArray x) {
        return encode(x, null);
    }

    /** The posterior mean of q(z | x, context). */
    public INDArray encode(INDArray x, INDArray context) {
        return encodeParameters(x, context).get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)).dup();
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
        return likelihood.sample(decodeParameters(Nd4j.randn(generator, new long[] {n, latentWidth}), context), generator);
    }

    /** The decoder means of n prior draws {@code z ~ N(0, I)} (smoother pictures than {@link #sample}). */
    public INDArray sampleMeans(int n, long seed) {
        return sampleMeans(n, null, seed);
    }

    /** The decoder means of n prior draws given the context. */
    public INDArray sampleMeans(int n, INDArray context, long seed) {
        Random generator = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return decode(Nd4j.randn(generator, new long[] {n, latentWidth}), context);
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
        INDArray posterior = encodeParameters(x, c);
        INDArray reconstruction = Nd4j.zeros(DataType.DOUBLE, x.size(0));
        for (int s = 0; s < samples; s++) {
            INDArray z = draw(posterior, Nd4j.randn(random, new long[] {x.size(0), latentWidth}));
            reconstruction.addi(likelihood.negLogLikelihood(x, decodeParameters(z, c)).castTo(DataType.DOUBLE));
        }
        return reconstruction.divi(samples).addi(GaussianKl.of(posterior.castTo(DataType.DOUBLE)));
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
        INDArray posterior = encodeParameters(x, c);
        INDArray noise = Nd4j.randn(random, new long[] {k * batch, latentWidth}).castTo(posterior.dataType());
        INDArray repeated = Nd4j.tile(posterior, k, 1);
        INDArray z = draw(repeated, noise);
        INDArray contexts = c == null ? null : Nd4j.tile(c, k, 1);
        INDArray logLikelihood = likelihood.negLogLikelihood(Nd4j.tile(x, k, 1), decodeParameters(z, contexts))
                .castTo(DataType.DOUBLE).negi();
        // log p(z) - log q(z | x) = -0.5 * sum(z^2 - eps^2 - logVariance)
        INDArray logVariance = repeated.get(NDArrayIndex.all(), NDArrayIndex.interval(latentWidth, 2 * latentWidth));
        INDArray logPriorRatio = z.mul(z).subi(noise.mul(noise)).subi(LogScaleBounds.bound(logVariance))
                .sum(1).castTo(DataType.DOUBLE).muli(-0.5);
        INDArray logWeights = logLikelihood.addi(logPriorRatio).reshape('c', k, batch);
        INDArray max = logWeights.max(0);
        INDArray weights = Transforms.exp(logWeights.subRowVector(max), false);
        INDArray logMeanWeight = Transforms.log(weights.sum(0), false);
        return logMeanWeight.addi(max).subi(Math.log(k)).negi();
    }

    /** z = mean + exp(logVariance / 2) * noise for posterior rows [mean | logVariance]. */
    private INDArray draw(INDArray posterior, INDArray noise) {
        INDArray mean = posterior.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth));
        INDArray std = Reparameterization.standardDeviation(
                posterior.get(NDArrayIndex.all(), NDArrayIndex.interval(latentWidth, 2 * latentWidth)));
        return Reparameterization.draw(mean, std, noise.castTo(std.dataType()), mean.ulike());
    }
}
