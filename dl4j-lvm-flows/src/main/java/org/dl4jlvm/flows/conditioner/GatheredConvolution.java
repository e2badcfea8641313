package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link RowsConvolution} for a narrow input: the k^2 neighbours of each pixel side by side,
 * {@code P[r] = [X[r + s_0] | ... | X[r + s_(k^2-1)]]} ({@code [n H W, k^2 C]}, kept for the backward pass), then
 * {@code Z = b + P W} with W read as {@code [k^2 C, O]}. Backward: {@code dW = P^T dZ}, {@code db = sum dZ},
 * {@code dP = dZ W^T}, and {@code dX[q] = sum_b dP[q - s_b, block b]}.
 */
final class GatheredConvolution implements RowsConvolution {
    private final Neighbours neighbours;
    private final int positions;
    private INDArray patches;
    private INDArray patchGradient;

    GatheredConvolution(PixelRows layout, int kernel) {
        this.neighbours = new Neighbours(layout, kernel);
        this.positions = kernel * kernel;
    }

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        patches = PixelRows.reuse(patches, input, positions * input.size(1));
        neighbours.gather(input, 1, patches);
        Blas.gemm(patches, PointwiseConvolution.matrix(weights), output, false, false, 1.0, 0.0);
        output.addiRowVector(bias);
    }

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        Blas.gemm(patches, delta, PointwiseConvolution.matrix(weightGradient), true, false, 1.0, 0.0);
        Blas.columnSums(delta, biasGradient);
        if (inputGradient != null) {
            patchGradient = PixelRows.reuse(patchGradient, input, positions * input.size(1));
            Blas.gemm(delta, PointwiseConvolution.matrix(weights), patchGradient, false, true, 1.0, 0.0);
            neighbours.sum(patchGradient, -1, inputGradient);
        }
    }
}
