package org.dl4jlvm.flows.conditioner;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stride-1 "same" convolution of odd kernel size k on images as {@link PixelRows}, weights {@code W [k, k, C, O]}
 * (SameDiff's YXIO) and bias {@code [1, O]}: {@code Z[r] = b + sum_b X[r + s_b] W[b]}, the sum over the kernel positions
 * b = (ky, kx) at their shifts {@code s_b = (ky - p, kx - p)}, p = (k - 1) / 2, a pixel outside the image reading as
 * zero. As matrix products, chosen by {@link #of} from the channels, all exact and tested against SameDiff's
 * {@code conv2d}:
 * <ul>
 *   <li>{@link PointwiseConvolution} for k = 1: one product;</li>
 *   <li>{@link GatheredConvolution} when the input is not wider than the output: the k^2 neighbours of each pixel
 *       gathered side by side ({@link Neighbours}), then one product with K = k^2 C;</li>
 *   <li>{@link SpreadConvolution} when the output is narrower: one product with all k^2 kernels at once, N = k^2 O,
 *       whose blocks are then summed at their shifts.</li>
 * </ul>
 * The k^2 copies are of the narrow side: C = 4 in or O = 8 out against 64 hidden channels in a multi-scale flow.
 */
interface RowsConvolution {

    /** Writes the output rows {@code [n H W, O]} into {@code output}. */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray output);

    /**
     * From {@code delta} (dL/dZ), after the {@link #forward} of the same input, writes the weight and bias gradients
     * into the arrays given and, unless {@code inputGradient} is null, dL/dX into that buffer.
     */
    void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient);

    /** The way for a kernel of size {@code kernel} (odd) from {@code in} to {@code out} channels. */
    static RowsConvolution of(PixelRows layout, int kernel, int in, int out) {
        if (kernel % 2 == 0 || kernel < 1) {
            throw new IllegalArgumentException("kernel: expected an odd size, found " + kernel);
        }
        if (kernel == 1) {
            return new PointwiseConvolution();
        }
        return in <= out ? new GatheredConvolution(layout, kernel) : new SpreadConvolution(layout, kernel);
    }
}
