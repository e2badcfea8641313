package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.MatrixRows;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A 1 x 1 {@link RowsConvolution}: {@code Z = b + X W} with W read as {@code [C, O]}; backward {@code dW = X^T dZ},
 * {@code db = sum dZ}, {@code dX = dZ W^T}.
 */
final class PointwiseConvolution implements RowsConvolution {

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        Blas.gemm(input, matrix(weights), output, false, false, 1.0, 0.0);
        output.addiRowVector(bias);
    }

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        Blas.gemm(input, delta, matrix(weightGradient), true, false, 1.0, 0.0);
        Blas.columnSums(delta, biasGradient);
        if (inputGradient != null) {
            Blas.gemm(delta, matrix(weights), inputGradient, false, true, 1.0, 0.0);
        }
    }

    /** {@code [k, k, C, O]} as the matrix {@code [k^2 C, O]}, a view (so that a gradient written into it lands). */
    static INDArray matrix(INDArray weights) {
        long rows = weights.size(0) * weights.size(1) * weights.size(2);
        return MatrixRows.rows(weights.reshape('c', rows, weights.size(3)), 0, rows);
    }
}
