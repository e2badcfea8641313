package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link RowsConvolution} as k^2 matrix products and no copies, each on a contiguous block of the buffer. Backward:
 * {@code dW[ky, kx] = X_(ky - p, kx - p)^T dZ}, {@code db = sum dZ}, and {@code dX_(ky - p, kx - p) += dZ W[ky, kx]^T},
 * after which the borders of dX (gradients of the padding) are zeroed.
 */
final class ShiftedConvolution implements RowsConvolution {
    private final PaddedRows layout;
    private final int kernel;

    ShiftedConvolution(PaddedRows layout, int kernel) {
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

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
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

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
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
