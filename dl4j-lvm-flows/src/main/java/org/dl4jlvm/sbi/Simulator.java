package org.dl4jlvm.sbi;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * An implicit model: a prior over parameters theta and a way to draw data x ~ p(x | theta) without its density, as
 * neural posterior estimation needs it (Cranmer, Brehmer and Louppe, The frontier of simulation-based inference,
 * 2020, arXiv:1911.01429).
 */
public interface Simulator {

    /** The prior over theta; its dimension is {@link #parameterNames()}'s length. */
    Prior prior();

    /** A name per parameter, for reports and CSV headers. */
    String[] parameterNames();

    /** The length of one simulated data vector. */
    int dataDimension();

    /**
     * One draw x ~ p(x | theta), using only {@code random}, so that a seeded generator reproduces it. Fails for theta
     * of the wrong length, with NaN or outside the prior's support.
     */
    double[] simulate(double[] theta, RandomGenerator random);
}
