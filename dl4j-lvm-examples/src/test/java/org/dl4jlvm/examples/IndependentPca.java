package org.dl4jlvm.examples;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * PCA and probabilistic PCA computed apart from the library, in plain Java loops and commons-math3's eigen-solver,
 * with no ND4J or OpenBLAS arithmetic: the test MSE of the rank-Q reconstruction, and the PPCA test NLL from the
 * eigenvalues (C = U_Q diag(l) U_Q^T + s2 (I - U_Q U_Q^T), s2 the mean of the discarded eigenvalues; Tipping and
 * Bishop 1999) rather than the library's Woodbury form.
 */
final class IndependentPca {
    final double testMse;
    final double testNll;

    IndependentPca(double[][] train, double[][] test, int q) {
        int d = train[0].length;
        double[] mean = new double[d];
        for (double[] row : train) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / train.length;
            }
        }
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : train) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    covariance[i][j] += centred[i] * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                covariance[i][j] /= train.length;
                covariance[j][i] = covariance[i][j];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble(i -> -values[i])).toArray(Integer[]::new);
        double[][] components = new double[q][];
        double[] kept = new double[q];
        for (int k = 0; k < q; k++) {
            components[k] = eigen.getEigenvector(order[k]).toArray();
            kept[k] = values[order[k]];
        }
        double noise = (Arrays.stream(values).sum() - Arrays.stream(kept).sum()) / (d - q);
        double logDet = (d - q) * Math.log(noise);
        for (double value : kept) {
            logDet += Math.log(value);
        }

        double squaredError = 0;
        double nll = 0;
        for (double[] row : test) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
                norm += centred[j] * centred[j];
            }
            double projected = 0;
            double quadratic = 0;
            for (int k = 0; k < q; k++) {
                double coordinate = 0;
                for (int j = 0; j < d; j++) {
                    coordinate += components[k][j] * centred[j];
                }
                projected += coordinate * coordinate;
                quadratic += coordinate * coordinate / kept[k];
            }
            squaredError += (norm - projected) / d;
            quadratic += (norm - projected) / noise;
            nll += 0.5 * (d * Math.log(2 * Math.PI) + logDet + quadratic);
        }
        testMse = squaredError / test.length;
        testNll = nll / test.length;
    }
}
