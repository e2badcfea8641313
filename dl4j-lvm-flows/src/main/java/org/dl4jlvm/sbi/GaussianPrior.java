package org.dl4jlvm.sbi;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/** Independent normal parameters {@code theta_k ~ N(mean_k, deviation_k^2)}; the support is all of R^K. */
public final class GaussianPrior implements Prior {
    private final double[] mean;
    private final double[] deviation;

    /** Fails unless both have one length K >= 1, the means are finite and the deviations finite and positive. */
    public GaussianPrior(double[] mean, double[] deviation) {
        if (mean == null || deviation == null || mean.length == 0 || mean.length != deviation.length) {
            throw new IllegalArgumentException("mean, deviation: expected one length K >= 1, found lengths "
                    + (mean == null ? "none" : mean.length) + " and " + (deviation == null ? "none" : deviation.length));
        }
        for (int k = 0; k < mean.length; k++) {
            if (!Double.isFinite(mean[k]) || !Double.isFinite(deviation[k]) || !(deviation[k] > 0)) {
                throw new IllegalArgumentException("mean, deviation: expected a finite mean and a finite deviation > 0,"
                        + " found " + mean[k] + " and " + deviation[k] + " in coordinate " + k);
            }
        }
        this.mean = mean.clone();
        this.deviation = deviation.clone();
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] sample(RandomGenerator random) {
        double[] theta = new double[mean.length];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = mean[k] + deviation[k] * random.nextGaussian();
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        Parameters.check("theta", theta, mean.length);
        double sum = 0;
        for (int k = 0; k < theta.length; k++) {
            double z = (theta[k] - mean[k]) / deviation[k];
            sum -= 0.5 * z * z + Math.log(deviation[k]) + 0.5 * Math.log(2 * Math.PI);
        }
        return sum;
    }

    @Override
    public boolean inSupport(double[] theta) {
        Parameters.check("theta", theta, mean.length);
        return Arrays.stream(theta).allMatch(Double::isFinite);
    }

    @Override
    public String toString() {
        return "GaussianPrior(mean=" + Arrays.toString(mean) + ", deviation=" + Arrays.toString(deviation) + ")";
    }
}
