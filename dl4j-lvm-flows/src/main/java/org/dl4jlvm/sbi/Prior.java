package org.dl4jlvm.sbi;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A prior p(theta) over K parameters: draws, the log-density and the support, which a posterior restricted to it
 * needs (a flow's posterior puts mass outside a bounded prior; sampling rejects that mass).
 */
public interface Prior {

    /** K, the number of parameters. */
    int dimension();

    /** One draw theta ~ p(theta). */
    double[] sample(RandomGenerator random);

    /** {@code log p(theta)}; negative infinity outside the support. Fails for theta of another length or with NaN. */
    double logDensity(double[] theta);

    /** Whether theta lies in the support, where the density is positive. */
    boolean inSupport(double[] theta);
}
