package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link RowsConvolution} for a narrow output: every kernel position's product at once, {@code Y = X V} with
 * {@code V = [W[0, 0] | ... | W[k-1, k-1]]} ({@code [C, k^2 O]}), then {@code Z = b + sum_s Y_s[:, block s]}, each
 * block read at its kernel position's shift s. Backward, with {@code G = [dZ_(-s)]_s} the k^2 copies of dZ at the
 * opposite shifts side by side ({@code [rows, k^2 O]}): {@code dV = X^T G}, {@code db = sum dZ}, {@code dX = G V^T}.
 */
final class SpreadConvolution implements RowsConvolution {
    private final PaddedRows layout;
    private final int kernel;
    private final ShiftedBlocks blocks;
    private INDArray spread;
    private INDArray shiftedDelta;
    private INDArray kernelGradient;

    SpreadConvolution(PaddedRows layout, int kernel) {
        this.layout = layout;
        this.kernel = kernel;
        this.blocks = new ShiftedBlocks(layout, kernel);
    }

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        long out = weights.size(3);
        // margins of the spread buffer stay zero: only its image rows are written
        spread = layout.reuse(spread, input, kernel * kernel * out);
        Blas.gemm(layout.images(input), sideBySide(weights), layout.images(spread), false, false, 1.0, 0.0);
        blocks.sum(spread, 1, output);
        layout.images(output).addiRowVector(bias);
    }

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        long in = weights.size(2);
        long out = weights.size(3);
        shiftedDelta = layout.reuse(shiftedDelta, delta, kernel * kernel * out);
        blocks.gather(delta, -1, shiftedDelta);
        INDArray g = layout.images(shiftedDelta);
        if (kernelGradient == null || kernelGradient.dataType() != g.dataType() || kernelGradient.size(0) != in
                || kernelGradient.size(1) != g.size(1)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                kernelGradient = Nd4j.create(g.dataType(), in, g.size(1));
            }
        }
        Blas.gemm(layout.images(input), g, kernelGradient, true, false, 1.0, 0.0);
        weightGradient.permute(2, 0, 1, 3).assign(kernelGradient.reshape('c', in, kernel, kernel, out));
        Blas.columnSums(layout.images(delta), biasGradient);
        if (inputGradient != null) {
            Blas.gemm(g, sideBySide(weights), layout.images(inputGradient), false, true, 1.0, 0.0);
            layout.zeroBorders(inputGradient);
        }
    }

    /** {@code [k, k, C, O]} as V, {@code [C, k^2 O]} (a copy). */
    private INDArray sideBySide(INDArray weights) {
        return weights.permute(2, 0, 1, 3).dup('c').reshape('c', weights.size(2), (long) kernel * kernel * weights.size(3));
    }
}
