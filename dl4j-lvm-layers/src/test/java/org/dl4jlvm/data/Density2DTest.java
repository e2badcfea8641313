package org.dl4jlvm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Density2D's sampler against its density (a chi-square test over grid cells, the density integrated over each cell),
 * and its entropies against values derived here independently of its code.
 */
class Density2DTest {
    private static final int SAMPLES = 20_000;
    private static final double LOW = -5;
    private static final double CELL = 0.5;
    private static final int CELLS = 20;
    private static final int SUB = 8;

    /** The chi-square statistic of the points' cell counts against the density's cell masses, and its critical value. */
    private static double[] chiSquare(Density2D density, double[][] points) {
        double[][] counts = new double[CELLS][CELLS];
        double outside = 0;
        for (double[] p : points) {
            int i = (int) Math.floor((p[0] - LOW) / CELL);
            int j = (int) Math.floor((p[1] - LOW) / CELL);
            if (i >= 0 && i < CELLS && j >= 0 && j < CELLS) {
                counts[i][j]++;
            } else {
                outside++;
            }
        }
        // expected counts: the density integrated over each cell by the midpoint rule on SUB x SUB points; cells
        // expecting fewer than 5 are pooled with the outside of the grid
        List<double[]> bins = new ArrayList<>();
        double pooledExpected = 0;
        double pooledObserved = outside;
        double gridMass = 0;
        double h = CELL / SUB;
        for (int i = 0; i < CELLS; i++) {
            for (int j = 0; j < CELLS; j++) {
                double mass = 0;
                for (int a = 0; a < SUB; a++) {
                    for (int b = 0; b < SUB; b++) {
                        mass += Math.exp(density.logDensity(LOW + i * CELL + (a + 0.5) * h, LOW + j * CELL + (b + 0.5) * h)) * h * h;
                    }
                }
                gridMass += mass;
                if (mass * points.length >= 5) {
                    bins.add(new double[] {counts[i][j], mass * points.length});
                } else {
                    pooledExpected += mass * points.length;
                    pooledObserved += counts[i][j];
                }
            }
        }
        pooledExpected += Math.max(0, 1 - gridMass) * points.length;
        bins.add(new double[] {pooledObserved, Math.max(pooledExpected, 1e-9)});
        double statistic = 0;
        for (double[] bin : bins) {
            statistic += (bin[0] - bin[1]) * (bin[0] - bin[1]) / bin[1];
        }
        double critical = new ChiSquaredDistribution(bins.size() - 1).inverseCumulativeProbability(0.999);
        return new double[] {statistic, critical};
    }

    @Test
    void samplesFollowTheDensityCellByCell() {
        for (Density2D density : Density2D.values()) {
            double[] test = chiSquare(density, density.sample(SAMPLES, 11, DataType.DOUBLE).toDoubleMatrix());
            assertTrue(test[0] < test[1], density + ": chi-square " + test[0] + " against the 0.1% critical value " + test[1]);
        }
    }

    /** The test can fail: moons shifted by 0.1 (half the noise) are rejected. */
    @Test
    void samplesOfAShiftedDensityAreRejected() {
        double[][] points = Density2D.MOONS.sample(SAMPLES, 11, DataType.DOUBLE).toDoubleMatrix();
        for (double[] p : points) {
            p[0] += 0.1;
        }
        double[] test = chiSquare(Density2D.MOONS, points);
        assertTrue(test[0] > test[1], "chi-square " + test[0] + " against " + test[1]);
    }

    /**
     * Entropies derived without Density2D's code. Checkerboard: uniform on 32 square units. Eight Gaussians: the
     * components lie 6 standard deviations apart, so ln 8 + ln(2 pi e sigma^2). Rings and moons: a curve with thin
     * Gaussian noise across it, so ln(weights) + the entropy along the curve + (1/2) ln(2 pi e sigma^2), less the
     * curvature's sigma^2 / 2r^2; along a moon (a half circle of radius 2, length 2 pi, uniform in arc length) the
     * noise also spreads past both ends, computed here as the 1-D entropy of U[0, L] convolved with N(0, sigma^2).
     * Density2D's entropies are Monte Carlo means of 20,000 samples, with a standard error of about 0.007 (the variance
     * of log p is about 1 for 2-D Gaussian noise): the tolerance is 4 standard errors. Measured: 2.8245 against 2.8382
     * (eight Gaussians), 2.6183 against 2.6222 (rings), 2.3940 against 2.3930 (moons).
     */
    @Test
    void entropiesAgreeWithIndependentDerivations() {
        assertEquals(Math.log(32), Density2D.CHECKERBOARD.entropy(), 1e-12);
        double sigma8 = 0.5 / 1.414;
        assertEquals(Math.log(8) + Math.log(2 * Math.PI * Math.E * sigma8 * sigma8), Density2D.EIGHT_GAUSSIANS.entropy(), 0.03);
        double across = 0.5 * Math.log(2 * Math.PI * Math.E * 0.08 * 0.08);
        double rings = Math.log(4) + across;
        for (double r : new double[] {3, 2.25, 1.5, 0.75}) {
            rings += (Math.log(2 * Math.PI * r) - 0.08 * 0.08 / (2 * r * r)) / 4;
        }
        assertEquals(rings, Density2D.RINGS.entropy(), 0.03);
        double sigma = 0.2;
        double moons = Math.log(2) + alongSegment(2 * Math.PI, sigma) + 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma)
                - sigma * sigma / (2 * 2 * 2);
        assertEquals(moons, Density2D.MOONS.entropy(), 0.03);
    }

    /** The entropy of U[0, length] + N(0, sigma^2), by the midpoint rule on its density (1 - 2 erf terms) / 2L. */
    private static double alongSegment(double length, double sigma) {
        double h = 1e-3;
        double entropy = 0;
        for (double x = -8 * sigma + h / 2; x < length + 8 * sigma; x += h) {
            double p = (Erf.erf(x / (sigma * Math.sqrt(2))) - Erf.erf((x - length) / (sigma * Math.sqrt(2)))) / (2 * length);
            if (p > 0) {
                entropy -= p * Math.log(p) * h;
            }
        }
        return entropy;
    }
}
