package org.dl4jlvm.linear;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.dl4jlvm.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** PCA and PPCA against commons-math's independent eigen-decomposition and dense Gaussian density. */
class LinearModelsTest {
    private static final int D = 6;
    private static final int Q = 2;

    /** Correlated Gaussian data with distinct variances: x = e A + offset. */
    static INDArray data(int n, int d, long seed) {
        INDArray mixing = TestData.normal(d, d, seed + 1, DataType.DOUBLE);
        INDArray scales = Nd4j.linspace(DataType.DOUBLE, 3.0, 0.3, d).reshape(d, 1);
        return TestData.normal(n, d, seed, DataType.DOUBLE).mmul(mixing.muliColumnVector(scales)).addi(5.0);
    }

    /** Eigen-decomposition of the maximum-likelihood covariance (divided by N) by commons-math. */
    static EigenDecomposition reference(INDArray x) {
        RealMatrix covariance = new Covariance(x.toDoubleMatrix(), false).getCovarianceMatrix();
        return new EigenDecomposition(covariance);
    }

    /** Largest |a - b| over columns compared up to sign. */
    static double maxDifferenceUpToSign(INDArray a, RealMatrix b) {
        double worst = 0;
        for (int j = 0; j < a.size(1); j++) {
            double plus = 0;
            double minus = 0;
            for (int i = 0; i < a.size(0); i++) {
                plus = Math.max(plus, Math.abs(a.getDouble(i, j) - b.getEntry(i, j)));
                minus = Math.max(minus, Math.abs(a.getDouble(i, j) + b.getEntry(i, j)));
            }
            worst = Math.max(worst, Math.min(plus, minus));
        }
        return worst;
    }

    @Test
    void pcaMatchesAnIndependentDecomposition() {
        INDArray x = data(500, D, 7);
        Pca pca = Pca.fit(x, Q);
        EigenDecomposition reference = reference(x);
        for (int i = 0; i < Q; i++) {
            assertEquals(reference.getRealEigenvalue(i), pca.explainedVariance().getDouble(i),
                    1e-9 * reference.getRealEigenvalue(0));
        }
        assertTrue(maxDifferenceUpToSign(pca.components(), reference.getV()) < 1e-8);
        assertEquals(reference.getRealEigenvalue(0) / new Covariance(x.toDoubleMatrix(), false).getCovarianceMatrix().getTrace(),
                pca.explainedVarianceRatio().getDouble(0), 1e-9);
    }

    @Test
    void gramAndStreamedFitsEqualTheScatterFit() {
        INDArray wide = data(12, 30, 3);
        EigenDecomposition reference = reference(wide);
        Pca gram = Pca.fit(wide, 5);
        assertTrue(maxDifferenceUpToSign(gram.components(), reference.getV()) < 1e-7);
        for (int i = 0; i < 5; i++) {
            assertEquals(reference.getRealEigenvalue(i), gram.explainedVariance().getDouble(i), 1e-9 * reference.getRealEigenvalue(0));
        }
        INDArray x = data(1000, D, 9);
        Pca streamed = Pca.fit(TestData.iterator(x, 64, 1), Q);
        Pca inMemory = Pca.fit(x, Q);
        assertEquals(0, streamed.mean().sub(inMemory.mean()).amaxNumber().doubleValue(), 1e-10);
        assertEquals(0, streamed.explainedVariance().sub(inMemory.explainedVariance()).amaxNumber().doubleValue(), 1e-9);
        assertTrue(maxDifferenceUpToSign(streamed.components(), MatrixUtils.createRealMatrix(inMemory.components().toDoubleMatrix())) < 1e-8);
    }

    @Test
    void reconstructionErrorIsTheDiscardedVariance() {
        INDArray x = data(400, D, 5);
        Pca pca = Pca.fit(x, Q);
        INDArray error = x.sub(pca.reconstruct(x));
        double meanSquaredErrorPerExample = error.mul(error).sumNumber().doubleValue() / x.size(0);
        double discarded = pca.totalVariance() - pca.explainedVariance().sumNumber().doubleValue();
        assertEquals(discarded, meanSquaredErrorPerExample, 1e-9 * pca.totalVariance());
        assertEquals(0, pca.decode(pca.encode(x)).sub(pca.reconstruct(x)).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void ppcaFitIsTheClosedForm() {
        INDArray x = data(500, D, 11);
        ProbabilisticPca ppca = ProbabilisticPca.fit(x, Q);
        EigenDecomposition reference = reference(x);
        double noise = 0;
        for (int i = Q; i < D; i++) {
            noise += reference.getRealEigenvalue(i) / (D - Q);
        }
        assertEquals(noise, ppca.noiseVariance(), 1e-9 * noise);
        RealMatrix expected = reference.getV().getSubMatrix(0, D - 1, 0, Q - 1);
        for (int j = 0; j < Q; j++) {
            expected.setColumnVector(j, expected.getColumnVector(j).mapMultiply(Math.sqrt(reference.getRealEigenvalue(j) - noise)));
        }
        assertTrue(maxDifferenceUpToSign(ppca.weights(), expected) < 1e-7);
    }

    @Test
    void ppcaLogLikelihoodEqualsTheDenseGaussianDensity() {
        INDArray x = data(300, D, 13);
        ProbabilisticPca ppca = ProbabilisticPca.fit(x, Q);
        MultivariateNormalDistribution dense = new MultivariateNormalDistribution(ppca.mean().toDoubleVector(),
                ppca.covariance().toDoubleMatrix());
        INDArray test = data(20, D, 17);
        INDArray logLikelihood = ppca.logLikelihood(test);
        for (int i = 0; i < test.size(0); i++) {
            double expected = Math.log(dense.density(test.getRow(i).toDoubleVector()));
            assertEquals(expected, logLikelihood.getDouble(i), 1e-9 * Math.abs(expected));
        }
    }

    @Test
    void ppcaSamplesHaveTheModelCovariance() {
        ProbabilisticPca ppca = ProbabilisticPca.fit(data(300, D, 19), Q);
        int n = 100_000;
        RealMatrix sampled = new Covariance(ppca.sample(n, 23).toDoubleMatrix(), false).getCovarianceMatrix();
        double[][] model = ppca.covariance().toDoubleMatrix();
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                // the standard error of a sample covariance of Gaussian data is sqrt((C_ii C_jj + C_ij^2) / n)
                double standardError = Math.sqrt((model[i][i] * model[j][j] + model[i][j] * model[i][j]) / n);
                assertEquals(model[i][j], sampled.getEntry(i, j), 5 * standardError, "covariance entry " + i + "," + j);
            }
        }
    }

    @Test
    void posteriorMeanAndReconstruction() {
        INDArray x = data(300, D, 29);
        ProbabilisticPca ppca = ProbabilisticPca.fit(x, Q);
        Pca pca = Pca.fit(x, Q);
        assertEquals(0, ppca.reconstruct(x).sub(pca.reconstruct(x)).amaxNumber().doubleValue(), 1e-8);
        // E[z | x] = M^-1 W^T (x - mean) solves (W^T W + s2 I) z = W^T (x - mean)
        INDArray z = ppca.encode(x);
        INDArray w = ppca.weights();
        INDArray m = w.transpose().mmul(w).addi(Nd4j.eye(Q).castTo(DataType.DOUBLE).muli(ppca.noiseVariance()));
        INDArray rhs = x.subRowVector(ppca.mean()).mmul(w);
        assertEquals(0, z.mmul(m).sub(rhs).amaxNumber().doubleValue(), 1e-8);
    }

    @Test
    void saveAndLoadKeepEverything(@TempDir Path folder) throws Exception {
        INDArray x = data(200, D, 31);
        Pca pca = Pca.fit(x, Q);
        pca.save(folder.resolve("pca.bin"));
        Pca loaded = Pca.load(folder.resolve("pca.bin"));
        assertEquals(pca.encode(x), loaded.encode(x));
        assertEquals(pca.totalVariance(), loaded.totalVariance());
        ProbabilisticPca ppca = ProbabilisticPca.from(pca);
        ppca.save(folder.resolve("ppca.bin"));
        ProbabilisticPca loadedPpca = ProbabilisticPca.load(folder.resolve("ppca.bin"));
        assertEquals(ppca.logLikelihood(x), loadedPpca.logLikelihood(x));
        assertEquals(ppca.sample(5, 1), loadedPpca.sample(5, 1));
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class,
                () -> ProbabilisticPca.load(folder.resolve("pca.bin")));
        assertTrue(wrongKind.getMessage().contains("expected a saved ProbabilisticPca"), wrongKind.getMessage());
    }

    @Test
    void badInputIsNamed() {
        INDArray x = data(50, D, 37);
        assertMessage(() -> Pca.fit(x, D + 1), "latentWidth", "between 1 and the data width D = 6", "found 7");
        assertMessage(() -> Pca.fit(x, 0), "latentWidth", "found 0");
        assertMessage(() -> ProbabilisticPca.fit(x, D), "latentWidth", "Q < D = 6", "found Q = 6");
        INDArray withNaN = x.dup();
        withNaN.putScalar(3, 2, Double.NaN);
        assertMessage(() -> Pca.fit(withNaN, Q), "data", "expected finite values", "found 1 NaN");
        Pca pca = Pca.fit(x, Q);
        assertMessage(() -> pca.encode(withNaN), "x", "expected finite values");
        assertMessage(() -> pca.encode(Nd4j.zeros(DataType.DOUBLE, 3, D + 1)), "x", "expected width 6", "found width 7");
        assertMessage(() -> pca.decode(Nd4j.zeros(DataType.DOUBLE, 3, Q + 1)), "z", "expected width 2");
        assertMessage(() -> Pca.fit(data(5, 30, 1), 5), "latentWidth", "5 examples span at most 4 directions");
    }
}
