package org.dl4jlvm.core;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stride-1 2-D convolution with "same" padding over NCHW images of one shape, run by {@link HostConvolution}
 * (patches gathered in Java, one OpenBLAS product): the CPU path for code outside DL4J's layers, such as the
 * convolutional conditioner of an image flow, whose reference definition is SameDiff's {@code conv2d}. Weights are
 * {@code [out, C, k, k]} (DL4J's layout), the bias {@code [1, out]}. One instance per convolution: it keeps work arrays,
 * which the arrays it returns are, valid until its next call of the same kind, and lets backprop reuse the forward
 * pass's patches of the same input array. Works outside any workspace.
 */
public final class SamePaddedConvolution {
    private final HostConvolution convolution = new HostConvolution();
    private final IndexMap patches;
    private final int height;
    private final int width;

    /**
     * @param channels, height, width the input images' shape
     * @param kernel the odd kernel size k (padding (k - 1) / 2 on every side)
     */
    public SamePaddedConvolution(int channels, int height, int width, int kernel) {
        Checks.atLeastOne("channels", channels);
        Checks.atLeastOne("height", height);
        Checks.atLeastOne("width", width);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel: expected an odd size >= 1, found " + kernel);
        }
        int pad = (kernel - 1) / 2;
        this.patches = IndexMap.patches(channels, height, width, kernel, kernel, 1, 1, pad, pad, height, width);
        this.height = height;
        this.width = width;
    }

    /**
     * The output {@code [N, out, H, W]} of input {@code [N, C, H, W]} (c order); when {@code training}, the input's
     * patches stay for {@link #backward} of the same input array.
     */
    public INDArray forward(INDArray input, INDArray weights, INDArray bias, boolean training) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return convolution.forward(input, weights, bias, patches, height, width, training);
        }
    }

    /**
     * The input gradient {@code [N, C, H, W]} from {@code delta = dL/d output}, writing the weight gradient
     * ({@code [out, C, k, k]}) and the bias gradient ({@code [1, out]}) into the arrays given.
     */
    public INDArray backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient,
            INDArray biasGradient) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return convolution.backward(input, weights, delta, patches, weightGradient, biasGradient);
        }
    }
}
