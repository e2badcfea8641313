package org.dl4jlvm.flows;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elementwise part of a training step of {@link AffineCoupling} around its conditioner MLP, forward then backward,
 * with keep mask m and t = 1 - m (the formulas are in {@link AffineCouplingLayerImpl}), as Java loops over heap copies
 * in double precision. The input is {@code [n, D]}, or {@code [n, D + 1]} when the log-det column is carried; new
 * arrays go to the current workspace.
 *
 * <p>Why not ND4J ops: forward and backward together took 61 us here against 412 us with ND4J's ops for a 2-D flow's
 * batch (256 x 2), where each op costs more than its arithmetic, and still 3.2 ms against 4.7 ms for a batch of 128
 * images (128 x 784), where libnd4j's tanh (about 5 ns an element) dominates.
 */
final class AffineArithmetic {
    private final int dimension;
    private final double bound;
    private final boolean carried;
    private final boolean[] kept;
    private DataType type;
    private int rows;
    /** From the forward pass, row-major [rows, D]: x, th = tanh(raw / B) and the scale e^s; the carried log-det. */
    private double[] x;
    private double[] th;
    private double[] scale;
    private double[] carriedLogDet;
    /** From the backward pass: dy and dLogDet. */
    private double[] dy;
    private double[] dLogDet;

    AffineArithmetic(boolean[] kept, double bound, boolean carried) {
        this.dimension = kept.length;
        this.bound = bound;
        this.carried = carried;
        this.kept = kept.clone();
    }

    /** {@code x m}, the conditioner's input; remembers x. */
    INDArray maskedInput(INDArray input) {
        type = input.dataType();
        rows = (int) input.size(0);
        int d = dimension;
        int width = carried ? d + 1 : d;
        double[] values = HostMatrix.read(input);
        x = new double[rows * d];
        carriedLogDet = carried ? new double[rows] : null;
        double[] masked = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = values[i * width + j];
                masked[i * d + j] = kept[j] ? x[i * d + j] : 0.0;
            }
            if (carried) {
                carriedLogDet[i] = values[i * width + d];
            }
        }
        return HostMatrix.create(masked, rows, d, type);
    }

    /** {@code [y | logDet]} from the conditioner's output {@code h = [raw | shift]}; remembers what backward needs. */
    INDArray output(INDArray h) {
        int d = dimension;
        double[] conditioned = HostMatrix.read(h);
        th = new double[rows * d];
        scale = new double[rows * d];
        double[] output = new double[rows * (d + 1)];
        for (int i = 0; i < rows; i++) {
            double logDet = carried ? carriedLogDet[i] : 0.0;
            for (int j = 0; j < d; j++) {
                int at = i * d + j;
                double y = x[at];
                if (kept[j]) {
                    scale[at] = 1.0;
                } else {
                    th[at] = Math.tanh(conditioned[i * 2 * d + j] / bound);
                    double logScale = bound * th[at];
                    scale[at] = Math.exp(logScale);
                    y = y * scale[at] + conditioned[i * 2 * d + d + j];
                    logDet += logScale;
                }
                output[i * (d + 1) + j] = y;
            }
            output[i * (d + 1) + d] = logDet;
        }
        return HostMatrix.create(output, rows, d + 1, type);
    }

    /** {@code dL/dh} for {@code epsilon = [dy | dLogDet]}; remembers dy and dLogDet. */
    INDArray conditionerGradient(INDArray epsilon) {
        int d = dimension;
        double[] values = HostMatrix.read(epsilon);
        dy = new double[rows * d];
        dLogDet = new double[rows];
        double[] dh = new double[rows * 2 * d];
        for (int i = 0; i < rows; i++) {
            dLogDet[i] = values[i * (d + 1) + d];
            for (int j = 0; j < d; j++) {
                int at = i * d + j;
                dy[at] = values[i * (d + 1) + j];
                if (!kept[j]) {
                    dh[i * 2 * d + j] = (dy[at] * x[at] * scale[at] + dLogDet[i]) * (1.0 - th[at] * th[at]);
                    dh[i * 2 * d + d + j] = dy[at];
                }
            }
        }
        return HostMatrix.create(dh, rows, 2 * d, type);
    }

    /** {@code dL/dinput} from the gradient of the masked input {@code x m}. */
    INDArray inputGradient(INDArray maskedGradient) {
        int d = dimension;
        int width = carried ? d + 1 : d;
        double[] masked = HostMatrix.read(maskedGradient);
        double[] gradient = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                int at = i * d + j;
                gradient[i * width + j] = dy[at] * scale[at] + (kept[j] ? masked[at] : 0.0);
            }
            if (carried) {
                gradient[i * width + d] = dLogDet[i];
            }
        }
        return HostMatrix.create(gradient, rows, width, type);
    }
}
