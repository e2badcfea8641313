package org.dl4jlvm.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model of p(x | context) (DESIGN convention 12): a conditional flow, and in time a conditional VAE or a posterior
 * estimator. The context is {@code [batch, C]}, one row per example, or one row for all. A model whose
 * {@link #contextWidth()} is 0 has no context and takes null.
 */
public interface ConditionalModel {

    /** The width C of the context; 0 for a model without one. */
    long contextWidth();

    /** {@code log p(x | context)} per example, {@code [batch]}, in nats (exact or a bound, as the model says). */
    INDArray logLikelihood(INDArray x, INDArray context);

    /** {@code n} draws from p(x | context), {@code [n, D]}, with {@code seed}. */
    INDArray sample(int n, INDArray context, long seed);
}
