package org.dl4jlvm.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The questions every model of this library answers where it can (PCA, probabilistic PCA, autoencoders, VAEs
 * and flows), so that they can be compared on the same held-out data in the same units. Rows are examples:
 * {@code x} is [batch, dataWidth], {@code z} is [batch, latentWidth].
 *
 * <ul>
 *   <li>{@link #encode}: a point in latent space for each example (a code, a posterior mean, or a flow's z);</li>
 *   <li>{@link #decode}: the data-space mean for each latent point;</li>
 *   <li>{@link #reconstruct}: the model's reconstruction of x;</li>
 *   <li>{@link #sample}: draws from the model ({@link #canSample()});</li>
 *   <li>{@link #logLikelihood}: log p(x) per example in nats, exact or a lower bound ({@link #likelihoodKind()}).</li>
 * </ul>
 */
public interface LatentVariableModel {

    /** What {@link #logLikelihood} returns. */
    enum LikelihoodKind {
        /** No likelihood (a deterministic autoencoder, PCA). */
        NONE,
        /** The exact log-density (probabilistic PCA, flows). */
        EXACT,
        /** A lower bound on the log-density (the ELBO or the importance-weighted bound of a VAE). */
        LOWER_BOUND
    }

    /** The width D of an example. */
    long dataWidth();

    /** The width Q of a latent point. */
    int latentWidth();

    /** Latent points, shape [batch, Q]. */
    INDArray encode(INDArray x);

    /** Data-space means of latent points, shape [batch, D]. */
    INDArray decode(INDArray z);

    /** Reconstructions of x, shape [batch, D]. */
    INDArray reconstruct(INDArray x);

    /** Whether {@link #sample} is supported. */
    default boolean canSample() {
        return true;
    }

    /** {@code n} draws from the model, shape [n, D], reproducible for a given seed. */
    INDArray sample(int n, long seed);

    /** Whether {@link #logLikelihood} is exact, a lower bound or unsupported. */
    default LikelihoodKind likelihoodKind() {
        return LikelihoodKind.NONE;
    }

    /** {@code log p(x)} per example in nats, shape [batch]; see {@link #likelihoodKind()}. */
    default INDArray logLikelihood(INDArray x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no likelihood");
    }

    /**
     * Mean bits per dimension of x under the model, {@code -mean(log p(x)) / (D ln 2)}, for a density over
     * the units of x. For data dequantised from {@code L} levels (x = (k + u) / L) use
     * {@link BitsPerDim#discrete}, which adds {@code log L} per dimension.
     */
    default double bitsPerDim(INDArray x) {
        return BitsPerDim.of(logLikelihood(x).meanNumber().doubleValue(), dataWidth());
    }
}
