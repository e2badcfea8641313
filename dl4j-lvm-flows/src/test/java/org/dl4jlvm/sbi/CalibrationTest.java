package org.dl4jlvm.sbi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SBC against exact answers on the conjugate task theta ~ N(0, 1), x ~ N(theta, 0.5^2): the exact posterior
 * N(0.8 x, 0.2) is calibrated, and posteriors too narrow or shifted are not.
 */
class CalibrationTest {
    private static final double[] LEVELS = {0.5, 0.8, 0.95};
    private static final Simulator TASK = new Simulator() {
        private final Prior prior = new GaussianPrior(new double[] {0}, new double[] {1});

        @Override
        public Prior prior() {
            return prior;
        }

        @Override
        public String[] parameterNames() {
            return new String[] {"theta"};
        }

        @Override
        public int dataDimension() {
            return 1;
        }

        @Override
        public double[] simulate(double[] theta, RandomGenerator random) {
            return new double[] {theta[0] + 0.5 * random.nextGaussian()};
        }
    };

    private static PosteriorSampler gaussian(double shift, double deviation) {
        return (n, observed, seed) -> {
            RandomGenerator random = Simulations.generator(seed, 17);
            double[][] draws = new double[n][1];
            for (double[] draw : draws) {
                draw[0] = 0.8 * observed[0] + shift + deviation * random.nextGaussian();
            }
            return Nd4j.createFromArray(draws);
        };
    }

    @Test
    void theExactPosteriorIsCalibrated() {
        Calibration calibration = Calibration.of(gaussian(0, Math.sqrt(0.2)), Simulations.draw(TASK, 400, 3), 100,
                LEVELS, 5);
        assertTrue(calibration.pValues()[0] >= 0.01, "KS p " + calibration.pValues()[0]);
        for (int l = 0; l < LEVELS.length; l++) {
            // the binomial spread of 400 pairs, 3 standard errors
            double error = 3 * Math.sqrt(LEVELS[l] * (1 - LEVELS[l]) / 400);
            assertEquals(LEVELS[l], calibration.coverage()[0][l], error + 0.01, "coverage at " + LEVELS[l]);
        }
        int[] ranks = calibration.ranks(0);
        assertEquals(400, ranks.length);
        assertTrue(java.util.Arrays.stream(ranks).allMatch(r -> r >= 0 && r <= 100));
    }

    @Test
    void overconfidentAndBiasedPosteriorsAreNot() {
        Simulations pairs = Simulations.draw(TASK, 400, 3);
        Calibration narrow = Calibration.of(gaussian(0, 0.5 * Math.sqrt(0.2)), pairs, 100, LEVELS, 5);
        Calibration shifted = Calibration.of(gaussian(0.3, Math.sqrt(0.2)), pairs, 100, LEVELS, 5);
        assertTrue(narrow.pValues()[0] < 0.01, "narrow: KS p " + narrow.pValues()[0]);
        assertTrue(narrow.coverage()[0][1] < 0.7, "narrow: 80% intervals cover " + narrow.coverage()[0][1]);
        assertTrue(shifted.pValues()[0] < 0.01, "shifted: KS p " + shifted.pValues()[0]);
    }

    @Test
    void badLevelsGetClearErrors() {
        PriorAndSimulationsTest.assertMessage(() -> Calibration.of(gaussian(0, 1), Simulations.draw(TASK, 5, 1), 10,
                new double[] {0.5, 1.0}, 1), "levels", "(0, 1)", "1.0");
    }
}
