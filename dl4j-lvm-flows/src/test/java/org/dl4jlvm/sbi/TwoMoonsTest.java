package org.dl4jlvm.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TwoMoonsTest {
    private final TwoMoons task = new TwoMoons();

    /** x less the shift lies on a ring of radius 0.1 +- 0.01 around (0.25, 0), on its right half, uniform in angle. */
    @Test
    void simulationsFollowTheGeometry() {
        Well19937c random = new Well19937c(11);
        double[] theta = {0.3, -0.7};
        int n = 20_000;
        double radiusSum = 0;
        double radiusSquares = 0;
        int upper = 0;
        for (int i = 0; i < n; i++) {
            double[] x = task.simulate(theta, random);
            // the shift for theta = (0.3, -0.7): (-|-0.4| / sqrt 2, (-0.7 - 0.3) / sqrt 2)
            double q1 = x[0] + 0.4 / Math.sqrt(2) - 0.25;
            double q2 = x[1] + 1.0 / Math.sqrt(2);
            assertTrue(q1 > 0, "right half of the ring");
            double radius = Math.hypot(q1, q2);
            radiusSum += radius;
            radiusSquares += radius * radius;
            upper += q2 > 0 ? 1 : 0;
        }
        double mean = radiusSum / n;
        double deviation = Math.sqrt(radiusSquares / n - mean * mean);
        assertEquals(0.1, mean, 4 * 0.01 / Math.sqrt(n));
        assertEquals(0.01, deviation, 5e-4);
        assertEquals(0.5, upper / (double) n, 4 * 0.5 / Math.sqrt(n), "angles symmetric about 0");
    }

    /** The likelihood integrates to 1 over x (midpoint rule on a fine grid around the ring). */
    @Test
    void likelihoodIsADensity() {
        double[] theta = {-0.2, 0.5};
        double[] shift = TwoMoons.shift(theta);
        double h = 5e-4;
        double total = 0;
        for (double q1 = -0.2 + h / 2; q1 < 0.2; q1 += h) {
            for (double q2 = -0.2 + h / 2; q2 < 0.2; q2 += h) {
                double[] x = {q1 + 0.25 + shift[0], q2 + shift[1]};
                total += Math.exp(task.logLikelihood(x, theta)) * h * h;
            }
        }
        assertEquals(1.0, total, 2e-3);
    }

    /** The exact sampler against the grid posterior: E|theta_1 + theta_2|, E(theta_2 - theta_1), E theta_1^2. */
    @Test
    void exactPosteriorSamplesMatchTheGridPosterior() {
        double[] x = task.simulate(new double[] {0.5, 0.25}, new Well19937c(12));
        double h = 1e-3;
        double mass = 0;
        double[] grid = new double[3];
        for (double a = -1 + h / 2; a < 1; a += h) {
            for (double b = -1 + h / 2; b < 1; b += h) {
                double p = Math.exp(task.unnormalisedLogPosterior(new double[] {a, b}, x));
                mass += p;
                grid[0] += p * Math.abs(a + b);
                grid[1] += p * (b - a);
                grid[2] += p * a * a;
            }
        }
        double[][] samples = task.posteriorSamples(x, 20_000, new Well19937c(13));
        double[] sampled = new double[3];
        for (double[] theta : samples) {
            assertTrue(theta[0] >= -1 && theta[0] < 1 && theta[1] >= -1 && theta[1] < 1, "inside the box");
            sampled[0] += Math.abs(theta[0] + theta[1]) / samples.length;
            sampled[1] += (theta[1] - theta[0]) / samples.length;
            sampled[2] += theta[0] * theta[0] / samples.length;
        }
        for (int m = 0; m < 3; m++) {
            // the posterior's spread is about 0.01 to 0.3 in these moments: 20,000 draws give errors near 2e-3
            assertEquals(grid[m] / mass, sampled[m], 0.01, "moment " + m);
        }
    }

    /** C2ST: two samples of one posterior are not told apart; the posterior and the prior are. */
    @Test
    void classifierTwoSampleTestSeparatesOnlyDifferentSamples() {
        double[] x = task.simulate(new double[] {0.5, 0.25}, new Well19937c(12));
        double[][] first = task.posteriorSamples(x, 1000, new Well19937c(1));
        double[][] second = task.posteriorSamples(x, 1000, new Well19937c(2));
        Well19937c random = new Well19937c(4);
        double[][] prior = new double[second.length][];
        for (int i = 0; i < prior.length; i++) {
            prior[i] = task.prior().sample(random);
        }
        // 30 epochs at most: each fold's classifier then trains in about a second
        double same = ClassifierTwoSampleTest.accuracy(first, second, 3, 30);
        double different = ClassifierTwoSampleTest.accuracy(first, prior, 3, 30);
        assertEquals(0.5, same, 0.05, "C2ST of two samples of one posterior (2,000 points: a standard error of 0.011)");
        // far outside the band of one distribution (0.5 +- 0.05); 30 epochs leave the classifier short of 1.0
        assertTrue(different > 0.75, "C2ST of the posterior against the prior: " + different);
    }

    /** The true posterior of an observation has the two crescents: mass on both sides of theta_1 + theta_2 = 0. */
    @Test
    void posteriorIsSymmetricInTheSignOfTheSum() {
        double[] x = task.simulate(new double[] {0.4, 0.1}, new Well19937c(4));
        double h = 2e-3;
        double positive = 0;
        double negative = 0;
        for (double a = -1 + h / 2; a < 1; a += h) {
            for (double b = -1 + h / 2; b < 1; b += h) {
                double p = Math.exp(task.unnormalisedLogPosterior(new double[] {a, b}, x));
                if (a + b > 0) {
                    positive += p;
                } else {
                    negative += p;
                }
            }
        }
        assertTrue(positive > 0 && negative > 0, "both crescents");
        assertEquals(1.0, positive / negative, 0.05, "|theta_1 + theta_2| is all x sees of the sum");
    }
}
