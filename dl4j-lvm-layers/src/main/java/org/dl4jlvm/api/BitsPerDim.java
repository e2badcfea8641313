package org.dl4jlvm.api;

/**
 * Log-likelihoods in bits per dimension, the unit in which image density models are compared.
 *
 * <p>For a density p over data in [0, 1]^D dequantised from {@code L} levels, {@code x = (k + u) / L} with
 * {@code u ~ U[0, 1)^D}, Jensen's inequality gives {@code log P(k) >= E_u[log p(x)] - D log L}, so
 * {@code (-log p(x) + D log L) / (D ln 2)} bounds the bits per dimension of the discrete data (Theis, van den
 * Oord and Bethge, A note on the evaluation of generative models, 2016).
 */
public final class BitsPerDim {
    private BitsPerDim() {
    }

    /** {@code -meanLogLikelihood / (D ln 2)}. */
    public static double of(double meanLogLikelihood, long dimension) {
        return -meanLogLikelihood / (dimension * Math.log(2));
    }

    /** Bits per dimension of the discrete data behind data dequantised from {@code levels} levels. */
    public static double discrete(double meanLogLikelihood, long dimension, int levels) {
        return of(meanLogLikelihood - dimension * Math.log(levels), dimension);
    }
}
