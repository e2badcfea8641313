package org.dl4jlvm.flows;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link RearrangingStep}'s CPU runtime: {@code y_j = x_source[j]}, {@code dx_source[j] = dy_j}, log-det 0, with
 * {@code source} read off the step's own definition applied to the coordinates' indices.
 */
final class RearrangingHost implements HostBijection {
    private final int[] source;

    RearrangingHost(int[] source) {
        this.source = source.clone();
    }

    @Override
    public double[] forward(double[] x, int n, Map<String, INDArray> params, double[] logDet) {
        int d = source.length;
        double[] y = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                y[i * d + j] = x[i * d + source[j]];
            }
        }
        return y;
    }

    @Override
    public double[] backward(double[] dy, double[] dLogDet, int n, Map<String, INDArray> gradients) {
        int d = source.length;
        double[] dx = new double[dy.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                dx[i * d + source[j]] = dy[i * d + j];
            }
        }
        return dx;
    }
}
