package org.dl4jlvm.sbi;

/** Fixed summaries s(x) of a simulated data vector, computed the same way for simulations and the observation. */
public interface SummaryStatistics {

    /** The number of summaries. */
    int dimension();

    /** s(x). */
    double[] compute(double[] data);
}
