package org.dl4jlvm.sbi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Draws from a posterior given an observation: {@code [n, K]}. A {@link Posterior}'s {@code sample} is one. */
@FunctionalInterface
public interface PosteriorSampler {
    INDArray sample(int n, double[] observed, long seed);
}
