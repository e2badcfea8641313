package org.dl4jlvm.sbi;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The uniform prior on a box {@code [low_1, high_1) x ... x [low_K, high_K)}: independent uniform parameters, log
 * density {@code -sum_k log(high_k - low_k)} inside.
 */
public final class BoxUniformPrior implements Prior {
    private final double[] low;
    private final double[] high;
    private final double logDensity;

    /** Fails unless both bounds have the same length K >= 1, are finite and low < high in every coordinate. */
    public BoxUniformPrior(double[] low, double[] high) {
        if (low == null || high == null || low.length == 0 || low.length != high.length) {
            throw new IllegalArgumentException("low, high: expected bounds of one length K >= 1, found lengths "
                    + (low == null ? "none" : low.length) + " and " + (high == null ? "none" : high.length));
        }
        double sum = 0;
        for (int k = 0; k < low.length; k++) {
            if (!Double.isFinite(low[k]) || !Double.isFinite(high[k]) || !(low[k] < high[k])) {
                throw new IllegalArgumentException("low, high: expected finite low < high in every coordinate, found ["
                        + low[k] + ", " + high[k] + "] in coordinate " + k);
            }
            sum += Math.log(high[k] - low[k]);
        }
        this.low = low.clone();
        this.high = high.clone();
        this.logDensity = -sum;
    }

    @Override
    public int dimension() {
        return low.length;
    }

    @Override
    public double[] sample(RandomGenerator random) {
        double[] theta = new double[low.length];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = low[k] + (high[k] - low[k]) * random.nextDouble();
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        return inSupport(theta) ? logDensity : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean inSupport(double[] theta) {
        Parameters.check("theta", theta, low.length);
        for (int k = 0; k < theta.length; k++) {
            if (theta[k] < low[k] || theta[k] >= high[k]) {
                return false;
            }
        }
        return true;
    }

    public double[] low() {
        return low.clone();
    }

    public double[] high() {
        return high.clone();
    }

    @Override
    public String toString() {
        return "BoxUniformPrior(low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + ")";
    }
}
