package org.dl4jlvm.sbi;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A conjugate test task: theta ~ N(0, I_2), and x holds R noisy copies of each coordinate,
 * {@code x = (theta_1 + s e_1, ..., theta_1 + s e_R, theta_2 + s e'_1, ...)}. The posterior of each coordinate is
 * {@code N(S / (R + s^2), s^2 / (R + s^2))}, S the sum of its copies.
 */
final class NoisyCopies implements Simulator {
    private final Prior prior = new GaussianPrior(new double[] {0, 0}, new double[] {1, 1});
    private final int copies;
    private final double noise;

    NoisyCopies(int copies, double noise) {
        this.copies = copies;
        this.noise = noise;
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public String[] parameterNames() {
        return new String[] {"a", "b"};
    }

    @Override
    public int dataDimension() {
        return 2 * copies;
    }

    @Override
    public double[] simulate(double[] theta, RandomGenerator random) {
        double[] x = new double[2 * copies];
        for (int i = 0; i < x.length; i++) {
            x[i] = theta[i / copies] + noise * random.nextGaussian();
        }
        return x;
    }
}
