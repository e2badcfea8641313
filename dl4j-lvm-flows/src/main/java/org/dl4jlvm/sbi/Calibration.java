package org.dl4jlvm.sbi;

import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari and Gelman, Validating Bayesian inference
 * algorithms with simulation-based calibration, 2018, arXiv:1804.06788): for held-out pairs (theta_i, x_i), the rank
 * of each true parameter among L posterior draws given x_i. For a calibrated posterior the ranks are uniform on
 * {0, ..., L}; each parameter's ranks are tested by Kolmogorov-Smirnov against the uniform, after spreading rank r
 * uniformly over [r, r + 1) / (L + 1). Also the expected coverage: how often the true value lies in the central
 * credible interval of a level, per parameter, which a calibrated posterior gives at that level.
 */
public final class Calibration {
    private final int[][] ranks;
    private final int draws;
    private final double[] pValues;
    private final double[][] coverage;
    private final double[] levels;

    private Calibration(int[][] ranks, int draws, double[] pValues, double[][] coverage, double[] levels) {
        this.ranks = ranks;
        this.draws = draws;
        this.pValues = pValues;
        this.coverage = coverage;
        this.levels = levels;
    }

    /**
     * Ranks of the true parameters of {@code pairs} among {@code draws} draws of {@code posterior} per pair, and the
     * coverage of central intervals at {@code levels} (each in (0, 1)).
     */
    public static Calibration of(PosteriorSampler posterior, Simulations pairs, int draws, double[] levels, long seed) {
        Checks.atLeastOne("draws", draws);
        for (double level : levels) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("levels: expected values in (0, 1), found " + level);
            }
        }
        int n = pairs.size();
        int k = (int) pairs.parameters().size(1);
        int[][] ranks = new int[k][n];
        double[][] covered = new double[k][levels.length];
        for (int i = 0; i < n; i++) {
            double[] theta = pairs.parameters().getRow(i).toDoubleVector();
            double[][] samples = posterior.sample(draws, pairs.data().getRow(i).toDoubleVector(), seed + i)
                    .toDoubleMatrix();
            for (int j = 0; j < k; j++) {
                double[] marginal = new double[draws];
                for (int s = 0; s < draws; s++) {
                    marginal[s] = samples[s][j];
                    ranks[j][i] += samples[s][j] < theta[j] ? 1 : 0;
                }
                java.util.Arrays.sort(marginal);
                for (int l = 0; l < levels.length; l++) {
                    double[] interval = centralInterval(marginal, levels[l]);
                    covered[j][l] += theta[j] >= interval[0] && theta[j] <= interval[1] ? 1.0 / n : 0;
                }
            }
        }
        RandomGenerator jitter = Simulations.generator(seed, -1);
        double[] pValues = new double[k];
        for (int j = 0; j < k; j++) {
            double[] spread = new double[n];
            for (int i = 0; i < n; i++) {
                spread[i] = (ranks[j][i] + jitter.nextDouble()) / (draws + 1);
            }
            pValues[j] = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), spread);
        }
        return new Calibration(ranks, draws, pValues, covered, levels.clone());
    }

    /**
     * {low, high} of the central interval of {@code level} from ascending draws: the draws at ranks
     * {@code floor(t (n - 1))} and {@code ceil((1 - t)(n - 1))}, {@code t = (1 - level) / 2}.
     */
    public static double[] centralInterval(double[] sorted, double level) {
        double tail = (1 - level) / 2;
        return new double[] {sorted[(int) Math.floor(tail * (sorted.length - 1))],
            sorted[(int) Math.ceil((1 - tail) * (sorted.length - 1))]};
    }

    /** The ranks of parameter {@code k}, one per pair, each in 0..L. */
    public int[] ranks(int k) {
        return ranks[k].clone();
    }

    /** L, the draws per pair. */
    public int draws() {
        return draws;
    }

    /** The KS p-value of the uniformity of each parameter's ranks. */
    public double[] pValues() {
        return pValues.clone();
    }

    /** The levels of the central intervals. */
    public double[] levels() {
        return levels.clone();
    }

    /** Per parameter, the fraction of pairs whose true value lay in the central interval of each level. */
    public double[][] coverage() {
        double[][] copy = new double[coverage.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = coverage[k].clone();
        }
        return copy;
    }
}
