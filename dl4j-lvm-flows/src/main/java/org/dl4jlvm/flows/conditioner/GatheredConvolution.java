package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link RowsConvolution} for a narrow input: the k^2 shifted copies of the input rows side by side,
 * {@code P = [X_(-p, -p) | ... | X_(p, p)]} ({@code [rows, k^2 C]}, kept for the backward pass), then
 * {@code Z = b + P W} with W read as {@code [k^2 C, O]}. Backward: {@code dW = P^T dZ}, {@code db = sum dZ},
 * {@code dP = dZ W^T}, and dX the sum of the blocks of dP each added back at its shift.
 */
final class GatheredConvolution implements RowsConvolution {
    private final PaddedRows layout;
    private final int kernel;
    private final ShiftedBlocks blocks;
    private INDArray patches;
    private INDArray patchGradient;

    GatheredConvolution(PaddedRows layout, int kernel) {
        this.layout = layout;
        this.kernel = kernel;
        this.blocks = new ShiftedBlocks(layout, kernel);
    }

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        long in = input.size(1);
        patches = layout.reuse(patches, input, kernel * kernel * in);
        blocks.gather(input, 1, patches);
        INDArray gathered = layout.images(patches);
        INDArray z = layout.images(output);
        Blas.gemm(gathered, stacked(weights), z, false, false, 1.0, 0.0);
        z.addiRowVector(bias);
    }

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        INDArray dz = layout.images(delta);
        INDArray gathered = layout.images(patches);
        Blas.gemm(gathered, dz, stacked(weightGradient), true, false, 1.0, 0.0);
        Blas.columnSums(dz, biasGradient);
        if (inputGradient == null) {
            return;
        }
        long in = input.size(1);
        patchGradient = layout.reuse(patchGradient, input, kernel * kernel * in);
        INDArray dPatches = layout.images(patchGradient);
        Blas.gemm(dz, stacked(weights), dPatches, false, true, 1.0, 0.0);
        // dX[r] = sum_b dP[r - s_b, block b]; the margin rows of dP are zero
        blocks.sum(patchGradient, -1, inputGradient);
        layout.zeroBorders(inputGradient);
    }

    /** {@code [k, k, C, O]} as the matrix {@code [k^2 C, O]}, a view (so that a gradient written into it lands). */
    private static INDArray stacked(INDArray weights) {
        long rows = weights.size(0) * weights.size(1) * weights.size(2);
        return PaddedRows.rows(weights.reshape('c', rows, weights.size(3)), 0, rows);
    }
}
