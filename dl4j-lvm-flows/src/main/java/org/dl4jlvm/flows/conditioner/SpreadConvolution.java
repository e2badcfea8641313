package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link RowsConvolution} for a narrow output: every kernel position's product at once, {@code Y = X V} with
 * {@code V = [W[0] | ... | W[k^2-1]]} ({@code [C, k^2 O]}), then {@code Z[r] = b + sum_b Y[r + s_b, block b]}. Backward,
 * with {@code G[q] = [dZ[q - s_0] | ... | dZ[q - s_(k^2-1)]]} ({@code [n H W, k^2 O]}): {@code dV = X^T G},
 * {@code db = sum dZ}, {@code dX = G V^T}.
 */
final class SpreadConvolution implements RowsConvolution {
    private final Neighbours neighbours;
    private final int kernel;
    private INDArray spread;
    private INDArray shiftedDelta;
    private INDArray kernelGradient;

    SpreadConvolution(PixelRows layout, int kernel) {
        this.neighbours = new Neighbours(layout, kernel);
        this.kernel = kernel;
    }

    @Override
    public void forward(INDArray input, INDArray weights, INDArray bias, INDArray output) {
        spread = PixelRows.reuse(spread, input, kernel * kernel * weights.size(3));
        Blas.gemm(input, sideBySide(weights), spread, false, false, 1.0, 0.0);
        neighbours.sum(spread, 1, output);
        output.addiRowVector(bias);
    }

    @Override
    public void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        long in = weights.size(2);
        long out = weights.size(3);
        shiftedDelta = PixelRows.reuse(shiftedDelta, delta, kernel * kernel * out);
        neighbours.gather(delta, -1, shiftedDelta);
        if (kernelGradient == null || kernelGradient.dataType() != delta.dataType() || kernelGradient.size(0) != in
                || kernelGradient.size(1) != shiftedDelta.size(1)) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                kernelGradient = Nd4j.create(delta.dataType(), in, shiftedDelta.size(1));
            }
        }
        Blas.gemm(input, shiftedDelta, kernelGradient, true, false, 1.0, 0.0);
        weightGradient.permute(2, 0, 1, 3).assign(kernelGradient.reshape('c', in, kernel, kernel, out));
        Blas.columnSums(delta, biasGradient);
        if (inputGradient != null) {
            Blas.gemm(shiftedDelta, sideBySide(weights), inputGradient, false, true, 1.0, 0.0);
        }
    }

    /** {@code [k, k, C, O]} as V, {@code [C, k^2 O]} (a copy). */
    private INDArray sideBySide(INDArray weights) {
        return weights.permute(2, 0, 1, 3).dup('c').reshape('c', weights.size(2), (long) kernel * kernel * weights.size(3));
    }
}
