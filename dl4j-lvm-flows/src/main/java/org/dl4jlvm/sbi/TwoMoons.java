package org.dl4jlvm.sbi;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The two-moons task of sbibm (Greenberg, Nonnenmacher and Macke, Automatic posterior transformation for
 * likelihood-free inference, 2019, arXiv:1905.07488; Lueckmann et al., Benchmarking simulation-based inference, 2021,
 * arXiv:2101.04653): theta ~ U(-1, 1)^2, {@code a ~ U(-pi/2, pi/2)}, {@code r ~ N(0.1, 0.01^2)},
 * {@code p = (r cos a + 0.25, r sin a)}, {@code x = p + (-|theta_1 + theta_2| / sqrt 2, (-theta_1 + theta_2) / sqrt 2)}.
 * The posterior has two crescents, one per sign of {@code theta_1 + theta_2}.
 *
 * <p>The likelihood is tractable: with {@code q = x - shift(theta) - (0.25, 0)} in polar coordinates (r, a), the
 * density of q is {@code N(r; 0.1, 0.01^2) (1 / pi) / r} for {@code q_1 > 0} and zero otherwise ({@link #logLikelihood}),
 * so a test can compute the true posterior on a grid.
 */
public final class TwoMoons implements Simulator {
    static final double RADIUS_MEAN = 0.1;
    static final double RADIUS_DEVIATION = 0.01;
    static final double OFFSET = 0.25;
    private static final double SQRT_2 = Math.sqrt(2);
    private final Prior prior = new BoxUniformPrior(new double[] {-1, -1}, new double[] {1, 1});

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"theta1", "theta2"};
    }

    @Override
    public int dataDimension() {
        return 2;
    }

    @Override
    public double[] simulate(double[] theta, RandomGenerator random) {
        Parameters.inSupport(prior, theta);
        double angle = Math.PI * (random.nextDouble() - 0.5);
        double radius = RADIUS_MEAN + RADIUS_DEVIATION * random.nextGaussian();
        double[] shift = shift(theta);
        return new double[] {radius * Math.cos(angle) + OFFSET + shift[0], radius * Math.sin(angle) + shift[1]};
    }

    /** {@code (-|theta_1 + theta_2| / sqrt 2, (-theta_1 + theta_2) / sqrt 2)}. */
    static double[] shift(double[] theta) {
        return new double[] {-Math.abs(theta[0] + theta[1]) / SQRT_2, (theta[1] - theta[0]) / SQRT_2};
    }

    /** {@code log p(x | theta)}; negative infinity where x cannot arise from theta. */
    public double logLikelihood(double[] x, double[] theta) {
        Parameters.check("x", x, 2);
        Parameters.check("theta", theta, 2);
        double[] shift = shift(theta);
        double q1 = x[0] - shift[0] - OFFSET;
        double q2 = x[1] - shift[1];
        if (!(q1 > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double radius = Math.hypot(q1, q2);
        double z = (radius - RADIUS_MEAN) / RADIUS_DEVIATION;
        return -0.5 * z * z - Math.log(RADIUS_DEVIATION * Math.sqrt(2 * Math.PI)) - Math.log(Math.PI) - Math.log(radius);
    }

    /**
     * {@code n} exact draws of the posterior p(theta | x), {@code [n, 2]}. With {@code u = theta_1 + theta_2} and
     * {@code v = theta_2 - theta_1}, x fixes {@code p = (x_1 + |u| / sqrt 2, x_2 - v / sqrt 2)}, an affine map of
     * (|u|, v) with constant Jacobian; the prior is uniform, so drawing p from its own distribution (the ring), taking
     * the sign of u at random and keeping the theta that fall in the prior's box is exact rejection sampling.
     */
    public double[][] posteriorSamples(double[] x, int n, RandomGenerator random) {
        Parameters.check("x", x, 2);
        double[][] samples = new double[n][];
        long tries = 0;
        for (int i = 0; i < n; ) {
            if (++tries > 1000L * n + 1_000_000) {
                throw new IllegalStateException("x: almost no parameters in the prior's box produce " + Arrays.toString(x));
            }
            double angle = Math.PI * (random.nextDouble() - 0.5);
            double radius = RADIUS_MEAN + RADIUS_DEVIATION * random.nextGaussian();
            double absoluteSum = SQRT_2 * (radius * Math.cos(angle) + OFFSET - x[0]);
            double difference = -SQRT_2 * (radius * Math.sin(angle) - x[1]);
            double sum = random.nextBoolean() ? absoluteSum : -absoluteSum;
            double[] theta = {(sum - difference) / 2, (sum + difference) / 2};
            if (absoluteSum >= 0 && prior.inSupport(theta)) {
                samples[i++] = theta;
            }
        }
        return samples;
    }

    /** {@code log p(theta) + log p(x | theta)}, the log-posterior up to its normalising constant. */
    public double unnormalisedLogPosterior(double[] theta, double[] x) {
        double prior = this.prior.logDensity(Parameters.check("theta", theta, 2));
        return prior == Double.NEGATIVE_INFINITY ? prior : prior + logLikelihood(x, theta);
    }
}
