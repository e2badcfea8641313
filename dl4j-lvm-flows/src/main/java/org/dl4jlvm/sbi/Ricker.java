package org.dl4jlvm.sbi;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Wood's (2010) noisy Ricker population model (Statistical inference for noisy nonlinear ecological dynamic systems,
 * Nature 466): theta = (log r, sigma, phi) with prior U(3, 5) x U(0, 0.8) x U(4, 20); {@code N_0 = 1},
 * {@code N_t = r N_{t-1} exp(-N_{t-1} + e_t)} with {@code e_t ~ N(0, sigma^2)}, and the observed counts
 * {@code y_t ~ Poisson(phi N_t)} for t = 1..50, each taken after the update. Its likelihood is intractable (the
 * chaotic map and the noise), its simulations cheap. {@link WoodStatistics} are its classic summaries.
 */
public final class Ricker implements Simulator {
    /** The length of a series. */
    public static final int STEPS = 50;
    /** theta* of the default observation. */
    public static final double[] DEFAULT_THETA = {3.8, 0.3, 10};
    /** The seed of the default observation. */
    public static final long DEFAULT_SEED = 2010;
    private final Prior prior = new BoxUniformPrior(new double[] {3, 0, 4}, new double[] {5, 0.8, 20});

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"log_r", "sigma", "phi"};
    }

    @Override
    public int dataDimension() {
        return STEPS;
    }

    @Override
    public double[] simulate(double[] theta, RandomGenerator random) {
        return run(theta, random)[1];
    }

    /** The default observation: the series simulated at {@link #DEFAULT_THETA} with {@link #DEFAULT_SEED}. */
    public double[] defaultObservation() {
        return simulate(DEFAULT_THETA, Simulations.generator(DEFAULT_SEED, 0));
    }

    /** {populations N_1..N_50, counts y_1..y_50} for theta. */
    double[][] run(double[] theta, RandomGenerator random) {
        Parameters.inSupport(prior, theta);
        double growth = Math.exp(theta[0]);
        double sigma = theta[1];
        double phi = theta[2];
        double[] population = new double[STEPS];
        double[] counts = new double[STEPS];
        double n = 1;
        for (int t = 0; t < STEPS; t++) {
            n = growth * n * Math.exp(-n + sigma * random.nextGaussian());
            population[t] = n;
            counts[t] = poisson(phi * n, random);
        }
        return new double[][] {population, counts};
    }

    private static double poisson(double mean, RandomGenerator random) {
        if (mean <= 0) {
            return 0;
        }
        return new PoissonDistribution(random, mean, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }
}
