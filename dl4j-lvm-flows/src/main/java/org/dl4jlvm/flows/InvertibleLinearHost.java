package org.dl4jlvm.flows;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link InvertibleLinear}'s CPU runtime: with {@code M = L (U + diag(exp(s)))} and {@code W[i] = M[rowOrder[i]]},
 * every pixel's channels map as {@code y = W x}, {@code log|det| = P sum s}. Backward: {@code dx = W^T dy},
 * {@code dW = sum dy x^T} (over examples and pixels), {@code dM[rowOrder[i]] = dW[i]}, then
 * {@code dL = dM U'^T} and {@code dU' = L^T dM} on their strict triangles, and {@code ds = diag(dU') exp(s) + P sum dlogDet}.
 */
final class InvertibleLinearHost implements HostBijection {
    private final int channels;
    private final int pixels;
    private final int[] rowOrder;
    private double[][] lower;
    private double[][] upper;
    private double[][] weights;
    private double[] x;

    InvertibleLinearHost(int channels, int pixels, int[] rowOrder) {
        this.channels = channels;
        this.pixels = pixels;
        this.rowOrder = rowOrder.clone();
    }

    @Override
    public double[] forward(double[] x, int n, Map<String, INDArray> params, double[] logDet) {
        int c = channels;
        double[] l = HostMatrix.read(params.get(InvertibleLinear.LOWER));
        double[] u = HostMatrix.read(params.get(InvertibleLinear.UPPER));
        double[] s = HostMatrix.read(params.get(InvertibleLinear.LOG_SCALE));
        lower = new double[c][c];
        upper = new double[c][c];
        double sum = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                lower[i][j] = i > j ? l[i * c + j] : i == j ? 1.0 : 0.0;
                upper[i][j] = i < j ? u[i * c + j] : i == j ? Math.exp(s[i]) : 0.0;
            }
            sum += s[i];
        }
        double[][] product = multiply(lower, upper, false);
        weights = new double[c][];
        for (int i = 0; i < c; i++) {
            weights[i] = product[rowOrder[i]];
        }
        this.x = x;
        double[] y = new double[x.length];
        int d = c * pixels;
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < c; i++) {
                int out = e * d + i * pixels;
                for (int k = 0; k < c; k++) {
                    double w = weights[i][k];
                    int in = e * d + k * pixels;
                    for (int p = 0; p < pixels; p++) {
                        y[out + p] += w * x[in + p];
                    }
                }
            }
            logDet[e] += pixels * sum;
        }
        return y;
    }

    @Override
    public double[] backward(double[] dy, double[] dLogDet, int n, Map<String, INDArray> gradients) {
        int c = channels;
        int d = c * pixels;
        double[] dx = new double[dy.length];
        double[][] dWeights = new double[c][c];
        double dLogDetSum = 0;
        for (int e = 0; e < n; e++) {
            dLogDetSum += dLogDet[e];
            for (int i = 0; i < c; i++) {
                int out = e * d + i * pixels;
                for (int k = 0; k < c; k++) {
                    double w = weights[i][k];
                    int in = e * d + k * pixels;
                    double dw = 0;
                    for (int p = 0; p < pixels; p++) {
                        dx[in + p] += w * dy[out + p];
                        dw += dy[out + p] * x[in + p];
                    }
                    dWeights[i][k] += dw;
                }
            }
        }
        double[][] dProduct = new double[c][];
        for (int i = 0; i < c; i++) {
            dProduct[rowOrder[i]] = dWeights[i];
        }
        double[][] dLower = multiply(dProduct, upper, true);
        double[][] dUpper = multiply(transpose(lower), dProduct, false);
        double[] gl = new double[c * c];
        double[] gu = new double[c * c];
        double[] gs = new double[c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                gl[i * c + j] = i > j ? dLower[i][j] : 0.0;
                gu[i * c + j] = i < j ? dUpper[i][j] : 0.0;
            }
            gs[i] = dUpper[i][i] * upper[i][i] + pixels * dLogDetSum;
        }
        HostMatrix.write(gl, gradients.get(InvertibleLinear.LOWER));
        HostMatrix.write(gu, gradients.get(InvertibleLinear.UPPER));
        HostMatrix.write(gs, gradients.get(InvertibleLinear.LOG_SCALE));
        return dx;
    }

    /** {@code a b}, or {@code a b^T} when {@code transposeB}. */
    private static double[][] multiply(double[][] a, double[][] b, boolean transposeB) {
        int c = a.length;
        double[][] result = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += a[i][k] * (transposeB ? b[j][k] : b[k][j]);
                }
                result[i][j] = sum;
            }
        }
        return result;
    }

    private static double[][] transpose(double[][] a) {
        int c = a.length;
        double[][] result = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                result[j][i] = a[i][j];
            }
        }
        return result;
    }
}
