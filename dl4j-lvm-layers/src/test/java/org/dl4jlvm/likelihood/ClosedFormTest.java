package org.dl4jlvm.likelihood;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jlvm.Graphs;
import org.dl4jlvm.TestData;
import org.dl4jlvm.vae.GaussianKl;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * Every loss equals its closed form computed here independently, element by element in double precision,
 * both through the evaluation path and as the score of a graph whose head is the loss.
 */
class ClosedFormTest {
    private static final int N = 7;
    private static final int D = 5;

    private final INDArray x = TestData.normal(N, D, 21, DataType.DOUBLE);
    private final INDArray theta = TestData.normal(N, 2 * D, 22, DataType.DOUBLE).muli(1.5);

    private double[] expectedGaussian(boolean learned, double variance) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < D; d++) {
                double mean = theta.getDouble(i, d);
                double logVariance = learned ? theta.getDouble(i, D + d) : Math.log(variance);
                double r = x.getDouble(i, d) - mean;
                out[i] += 0.5 * (r * r / Math.exp(logVariance) + logVariance + Math.log(2 * Math.PI));
            }
        }
        return out;
    }

    private double[] expectedLaplace(boolean learned, double scale) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < D; d++) {
                double logScale = learned ? theta.getDouble(i, D + d) : Math.log(scale);
                out[i] += Math.abs(x.getDouble(i, d) - theta.getDouble(i, d)) / Math.exp(logScale) + logScale + Math.log(2);
            }
        }
        return out;
    }

    private double[] expectedBernoulli(INDArray binary) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < D; d++) {
                double p = 1 / (1 + Math.exp(-theta.getDouble(i, d)));
                double b = binary.getDouble(i, d);
                out[i] -= b * Math.log(p) + (1 - b) * Math.log(1 - p);
            }
        }
        return out;
    }

    private void assertMatches(double[] expected, Likelihood likelihood, INDArray data) {
        INDArray parameters = theta.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, likelihood.parameterWidth(D)));
        INDArray actual = likelihood.negLogLikelihood(data, parameters);
        double mean = 0;
        for (int i = 0; i < N; i++) {
            assertEquals(expected[i], actual.getDouble(i), 1e-9 * Math.max(1, Math.abs(expected[i])), likelihood + " row " + i);
            mean += expected[i] / N;
        }
        assertEquals(mean, headScore(new LikelihoodOutputLayer(likelihood), parameters, data), 1e-9 * Math.max(1, mean));
    }

    /** Score of a graph whose dense layer is the identity on {@code input}, followed by {@code head}. */
    static double headScore(Layer head, INDArray input, INDArray labels) {
        ComputationGraph graph = Graphs.denseThenHead((int) input.size(1), (int) input.size(1), Activation.IDENTITY, head);
        graph.getLayer("dense").setParam("W", Nd4j.eye(input.size(1)).castTo(DataType.DOUBLE));
        graph.getLayer("dense").setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, input.size(1)));
        return graph.score(new MultiDataSet(input, labels), false);
    }

    @Test
    void bernoulli() {
        INDArray binary = TestData.binary(N, D, 23, DataType.DOUBLE);
        assertMatches(expectedBernoulli(binary), new BernoulliLikelihood(), binary);
    }

    @Test
    void bernoulliIsStableForLargeLogits() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{200, -200}});
        INDArray data = Nd4j.createFromArray(new double[][] {{0, 1}});
        assertEquals(400.0, new BernoulliLikelihood().negLogLikelihood(data, logits).getDouble(0), 1e-9);
    }

    @Test
    void gaussianFixedVariance() {
        assertMatches(expectedGaussian(false, 0.3), GaussianLikelihood.fixedVariance(0.3), x);
    }

    @Test
    void gaussianLearnedVariance() {
        assertMatches(expectedGaussian(true, 0), GaussianLikelihood.learnedVariance(), x);
    }

    @Test
    void squaredError() {
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < D; d++) {
                double r = x.getDouble(i, d) - theta.getDouble(i, d);
                expected[i] += r * r;
            }
        }
        assertMatches(expected, new SquaredError(), x);
    }

    @Test
    void laplaceFixedScale() {
        assertMatches(expectedLaplace(false, 2.5), LaplaceLikelihood.fixedScale(2.5), x);
    }

    @Test
    void laplaceLearnedScale() {
        assertMatches(expectedLaplace(true, 0), LaplaceLikelihood.learnedScale(), x);
    }

    @Test
    void klOfDiagonalGaussianFromStandardNormal() {
        int q = 4;
        INDArray posterior = TestData.normal(N, 2 * q, 24, DataType.DOUBLE);
        double[] expected = new double[N];
        double mean = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < q; j++) {
                double m = posterior.getDouble(i, j);
                double variance = Math.exp(posterior.getDouble(i, q + j));
                // KL(N(m, v) || N(0, 1)) = 0.5 (v + m^2 - 1 - ln v)
                expected[i] += 0.5 * (variance + m * m - 1 - Math.log(variance));
            }
            mean += expected[i] / N;
            assertEquals(expected[i], GaussianKl.of(posterior).getDouble(i), 1e-9, "row " + i);
        }
        double beta = 0.35;
        KlRegularizerOutputLayer head = new KlRegularizerOutputLayer.Builder().beta(beta).build();
        assertEquals(beta * mean, headScore(head, posterior, Nd4j.zeros(DataType.DOUBLE, N, 1)), 1e-9);
    }

    @Test
    void betaWarmupRisesLinearlyThenStays() {
        KlRegularizerOutputLayer head = new KlRegularizerOutputLayer.Builder()
                .betaSchedule(new FixedSchedule(2.0)).warmupIterations(10).build();
        assertEquals(0.2, head.beta(0, 0), 1e-12);
        assertEquals(1.0, head.beta(4, 0), 1e-12);
        assertEquals(2.0, head.beta(9, 0), 1e-12);
        assertEquals(2.0, head.beta(500, 3), 1e-12);
    }

    @Test
    void samplesHaveTheLikelihoodsMoments() {
        int n = 20000;
        org.nd4j.linalg.api.rng.Random random = Nd4j.getRandomFactory().getNewRandomInstance(5);
        INDArray gaussian = Nd4j.createFromArray(new double[] {1.5, Math.log(0.25)}).reshape(1, 2).repeat(0, n);
        INDArray draws = GaussianLikelihood.learnedVariance().sample(gaussian, random);
        // standard error of the mean 0.5 / sqrt(n) = 0.0035; of the variance about 0.25 * sqrt(2 / n) = 0.0025
        assertEquals(1.5, draws.meanNumber().doubleValue(), 0.02);
        assertEquals(0.25, draws.varNumber().doubleValue(), 0.015);
        INDArray laplace = Nd4j.createFromArray(new double[] {-1.0}).reshape(1, 1).repeat(0, n);
        INDArray laplaceDraws = LaplaceLikelihood.fixedScale(0.5).sample(laplace, random);
        // variance of Laplace(b) is 2 b^2 = 0.5
        assertEquals(-1.0, laplaceDraws.meanNumber().doubleValue(), 0.03);
        assertEquals(0.5, laplaceDraws.varNumber().doubleValue(), 0.04);
        INDArray logits = Nd4j.createFromArray(new double[] {0.0, 2.0}).reshape(1, 2).repeat(0, n);
        INDArray bits = new BernoulliLikelihood().sample(logits, random);
        assertEquals(0.5, bits.getColumn(0).meanNumber().doubleValue(), 0.02);
        assertEquals(1 / (1 + Math.exp(-2.0)), bits.getColumn(1).meanNumber().doubleValue(), 0.02);
    }
}
