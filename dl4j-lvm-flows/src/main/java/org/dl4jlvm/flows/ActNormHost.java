package org.dl4jlvm.flows;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ActNorm}'s CPU runtime: {@code y = (x + b_c) exp(s_c)} for coordinate {@code c P + p} (channel c, pixel p),
 * {@code log|det| = P sum_c s_c}; backward {@code dx = dy exp(s_c)}, {@code db_c = sum dy exp(s_c)},
 * {@code ds_c = sum dy y + P sum_i dlogDet_i}.
 */
final class ActNormHost implements HostBijection {
    private final int channels;
    private final int pixels;
    private double[] scale;
    private double[] y;

    ActNormHost(int channels, int pixels) {
        this.channels = channels;
        this.pixels = pixels;
    }

    @Override
    public double[] forward(double[] x, int n, Map<String, INDArray> params, double[] logDet) {
        double[] bias = HostMatrix.read(params.get(ActNorm.BIAS));
        double[] logScale = HostMatrix.read(params.get(ActNorm.LOG_SCALE));
        scale = new double[channels];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            scale[c] = Math.exp(logScale[c]);
            sum += logScale[c];
        }
        int d = channels * pixels;
        y = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int start = i * d + c * pixels;
                for (int k = start; k < start + pixels; k++) {
                    y[k] = (x[k] + bias[c]) * scale[c];
                }
            }
            logDet[i] += pixels * sum;
        }
        return y;
    }

    @Override
    public double[] backward(double[] dy, double[] dLogDet, int n, Map<String, INDArray> gradients) {
        int d = channels * pixels;
        double[] dx = new double[n * d];
        double[] dBias = new double[channels];
        double[] dLogScale = new double[channels];
        double dLogDetSum = 0;
        for (int i = 0; i < n; i++) {
            dLogDetSum += dLogDet[i];
            for (int c = 0; c < channels; c++) {
                int start = i * d + c * pixels;
                for (int k = start; k < start + pixels; k++) {
                    dx[k] = dy[k] * scale[c];
                    dBias[c] += dx[k];
                    dLogScale[c] += dy[k] * y[k];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            dLogScale[c] += pixels * dLogDetSum;
        }
        HostMatrix.write(dBias, gradients.get(ActNorm.BIAS));
        HostMatrix.write(dLogScale, gradients.get(ActNorm.LOG_SCALE));
        return dx;
    }
}
