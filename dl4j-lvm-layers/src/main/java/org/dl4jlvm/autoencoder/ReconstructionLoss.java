package org.dl4jlvm.autoencoder;

import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.SquaredError;

/** The reconstruction loss of a deterministic autoencoder, per example. */
public enum ReconstructionLoss {
    /** {@code sum_d (x_d - y_d)^2}; the decoder output y is the reconstruction. */
    SQUARED_ERROR,
    /** Bernoulli negative log-likelihood of data in [0, 1]; the decoder emits logits, the reconstruction is their sigmoid. */
    BERNOULLI;

    /** The loss as the {@link Likelihood} of a reconstruction head. */
    public Likelihood likelihood() {
        return this == SQUARED_ERROR ? new SquaredError() : new BernoulliLikelihood();
    }
}
