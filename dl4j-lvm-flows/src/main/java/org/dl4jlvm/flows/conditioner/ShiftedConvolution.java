package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stride-1 "same" convolution of odd kernel size k on images in the {@link PaddedRows} layout, as k^2 matrix
 * products and no patches: with the weights {@code W [k, k, C, O]} (SameDiff's YXIO), the output rows are
 * {@code Z = b + sum_{ky, kx} X_(ky - p, kx - p) W[ky, kx]}, {@code X_(dy, dx)} being the input rows shifted by
 * (dy, dx), one contiguous block of the buffer, and p = (k - 1) / 2. Border rows of Z come out as garbage, which the
 * caller zeroes before Z is read as an input. Backward, with border rows of {@code dZ} zero:
 * {@code dW[ky, kx] = X_(ky - p, kx - p)^T dZ}, {@code db = sum dZ}, and {@code dX_(ky - p, kx - p) += dZ W[ky, kx]^T},
 * after which the borders of dX (gradients of the padding) are zeroed.
 */
final class ShiftedConvolution {
    private final PaddedRows layout;
    private final int kernel;

    ShiftedConvolution(PaddedRows layout, int kernel) {
        if (kernel % 2 == 0 || (kernel - 1) / 2 > layout.pad) {
            throw new IllegalArgumentException("kernel: expected an odd size of at most " + (2 * layout.pad + 1)
                    + ", found " + kernel);
        }
        this.layout = layout;
        this.kernel = kernel;
    }

    /** The rows of {@code W[ky, kx]}, {@code [C, O]}, in a {@code [k, k, C, O]} array. */
    private INDArray block(INDArray weights, int ky, int kx) {
        long in = weights.size(2);
        INDArray matrix = weights.reshape('c', (long) kernel * kernel * in, weights.size(3));
        long start = (ky * (long) kernel + kx) * in;
        return PaddedRows.rows(matrix, start, start + in);
    }

    /** Writes the output rows (without its borders set) into {@code output}, a buffer of O columns. */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        INDArray z = layout.images(output);
        int p = (kernel - 1) / 2;
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                Blas.gemm(layout.shifted(input, ky - p, kx - p), block(weights, ky, kx), z, false, false, 1.0,
                        ky == 0 && kx == 0 ? 0.0 : 1.0);
            }
        }
        z.addiRowVector(bias);
    }

    /**
     * From {@code delta} (a buffer of dL/dZ with zero borders) writes the weight and bias gradients into the arrays
     * given and, unless {@code inputGradient} is null, dL/dX (zero borders) into that buffer.
     */
    void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        INDArray dz = layout.images(delta);
        int p = (kernel - 1) / 2;
        if (inputGradient != null) {
            inputGradient.assign(0);
        }
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                Blas.gemm(layout.shifted(input, ky - p, kx - p), dz, block(weightGradient, ky, kx), true, false, 1.0, 0.0);
                if (inputGradient != null) {
                    Blas.gemm(dz, block(weights, ky, kx), layout.shifted(inputGradient, ky - p, kx - p), false, true, 1.0,
                            1.0);
                }
            }
        }
        Blas.columnSums(dz, biasGradient);
        if (inputGradient != null) {
            layout.zeroBorders(inputGradient);
        }
    }
}
