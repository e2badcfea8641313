package org.dl4jlvm.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

class RickerTest {
    private final Ricker ricker = new Ricker();

    /** Without noise the map is deterministic; the counts then have the Poisson moments mean = variance = phi N_t. */
    @Test
    void countsArePoissonAroundTheNoiselessMap() {
        double[] theta = {3.2, 0.0, 6};
        double[] n = new double[Ricker.STEPS];
        double population = 1;
        for (int t = 0; t < n.length; t++) {
            population = Math.exp(theta[0]) * population * Math.exp(-population);
            n[t] = population;
        }
        int runs = 4000;
        double[] sum = new double[n.length];
        double[] squares = new double[n.length];
        Well19937c random = new Well19937c(5);
        for (int r = 0; r < runs; r++) {
            double[][] run = ricker.run(theta, random);
            for (int t = 0; t < n.length; t++) {
                assertEquals(n[t], run[0][t], 1e-12 * n[t], "population at t = " + (t + 1));
                sum[t] += run[1][t];
                squares[t] += run[1][t] * run[1][t];
            }
        }
        for (int t : new int[] {0, 1, 2, 10, 49}) {
            double expected = theta[2] * n[t];
            double mean = sum[t] / runs;
            double variance = squares[t] / runs - mean * mean;
            assertEquals(expected, mean, 5 * Math.sqrt(expected / runs), "mean count at t = " + (t + 1));
            assertEquals(expected, variance, 0.1 * expected + 0.05, "count variance at t = " + (t + 1));
        }
    }

    /** With noise, log N_t - log N_{t-1} - log r + N_{t-1} is e_t ~ N(0, sigma^2). */
    @Test
    void theNoiseOfTheMapHasDeviationSigma() {
        double[] theta = {3.8, 0.3, 10};
        double[][] run = ricker.run(theta, new Well19937c(6));
        double previous = 1;
        double sum = 0;
        double squares = 0;
        for (double population : run[0]) {
            double noise = Math.log(population) - Math.log(previous) - theta[0] + previous;
            sum += noise;
            squares += noise * noise;
            previous = population;
        }
        double mean = sum / Ricker.STEPS;
        assertEquals(0.0, mean, 4 * 0.3 / Math.sqrt(Ricker.STEPS));
        assertEquals(0.3, Math.sqrt(squares / Ricker.STEPS - mean * mean), 0.1);
    }

    @Test
    void theDefaultObservationIsFixed() {
        double[] observation = ricker.defaultObservation();
        assertEquals(Ricker.STEPS, observation.length);
        assertTrue(java.util.Arrays.equals(observation, ricker.defaultObservation()));
        for (double count : observation) {
            assertTrue(count >= 0 && count == Math.rint(count), "a count: " + count);
        }
    }

    /** Against commons-math's statistics: the moments by definition and the regression by its own least squares. */
    @Test
    void woodStatisticsFollowTheirDefinitions() {
        double[] y = ricker.simulate(new double[] {3.8, 0.3, 10}, new Well19937c(9));
        WoodStatistics wood = new WoodStatistics();
        double[] s = wood.compute(y);
        assertEquals(10, s.length);
        assertEquals(wood.dimension(), s.length);
        assertEquals(new org.apache.commons.math3.stat.descriptive.moment.Mean().evaluate(y), s[0], 1e-12);
        assertEquals(java.util.Arrays.stream(y).filter(v -> v == 0).count(), s[1], 0.0);
        assertEquals(new org.apache.commons.math3.stat.descriptive.moment.Variance(false).evaluate(y), s[2], 1e-9);
        // an alternating 0, 2, 0, 2, ... series: mean 1, deviations -1, +1, ..., so acov(k) = (-1)^k (n - k) / n
        double[] alternating = new double[20];
        for (int t = 1; t < alternating.length; t += 2) {
            alternating[t] = 2;
        }
        double[] alternatingStatistics = wood.compute(alternating);
        for (int lag = 0; lag <= WoodStatistics.LAGS; lag++) {
            assertEquals((lag % 2 == 0 ? 1 : -1) * (20.0 - lag) / 20, alternatingStatistics[2 + lag], 1e-12, "lag " + lag);
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.setNoIntercept(true);
        double[] target = new double[y.length - 1];
        double[][] design = new double[y.length - 1][];
        for (int t = 0; t + 1 < y.length; t++) {
            target[t] = Math.pow(y[t + 1], 0.3);
            design[t] = new double[] {Math.pow(y[t], 0.3), Math.pow(y[t], 0.6)};
        }
        regression.newSampleData(target, design);
        double[] beta = regression.estimateRegressionParameters();
        assertEquals(beta[0], s[8], 1e-9);
        assertEquals(beta[1], s[9], 1e-9);
        double[] zeros = wood.compute(new double[20]);
        assertEquals(20, zeros[1], 0.0);
        assertEquals(0.0, zeros[8], 0.0, "an undetermined regression gives 0");
    }
}
