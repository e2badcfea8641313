package org.dl4jlvm.flows.conditioner;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stride-1 "same" convolution of odd kernel size k on images in the {@link PaddedRows} layout, weights
 * {@code W [k, k, C, O]} (SameDiff's YXIO) and bias {@code [1, O]}: {@code Z = b + sum_{ky, kx} X_(ky - p, kx - p) W[ky, kx]},
 * {@code X_(dy, dx)} being the input rows shifted by (dy, dx) and p = (k - 1) / 2. Three ways to compute it, chosen
 * by {@link #of} from the channels, all exact and tested against SameDiff's {@code conv2d}:
 * <ul>
 *   <li>{@link ShiftedConvolution}: k^2 products, one per kernel position, on shifted views (no copies);</li>
 *   <li>{@link GatheredConvolution}, when the input is the narrower side: the k^2 shifted copies of the input
 *       gathered side by side, then one product with K = k^2 C;</li>
 *   <li>{@link SpreadConvolution}, when the output is: one product with all k^2 kernels at once, N = k^2 O, whose
 *       blocks are then added at their shifts.</li>
 * </ul>
 * With k^2 products on thin matrices (C = 4 in, or O = 8 out, against 64 hidden channels) every product reads or
 * writes the wide side again, k^2 times; the other two read it once.
 *
 * <p>Output border rows come out as garbage, which the caller zeroes before Z is read as an input; the delta given to
 * {@link #backward} must have zero borders, and the input gradient comes back with zero borders.
 */
interface RowsConvolution {

    /** Writes the output rows (without its borders set) into {@code output}, a buffer of O columns. */
    void forward(INDArray input, INDArray weights, INDArray bias, INDArray output);

    /**
     * From {@code delta} (a buffer of dL/dZ with zero borders), after the {@link #forward} of the same input, writes
     * the weight and bias gradients into the arrays given and, unless {@code inputGradient} is null, dL/dX (zero
     * borders) into that buffer.
     */
    void backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient);

    /** The way that copies the narrower side: the input's if C < O, the output's if O < C, neither if equal or k = 1. */
    static RowsConvolution of(PaddedRows layout, int kernel, int in, int out) {
        if (kernel % 2 == 0 || (kernel - 1) / 2 > layout.pad) {
            throw new IllegalArgumentException("kernel: expected an odd size of at most " + (2 * layout.pad + 1)
                    + ", found " + kernel);
        }
        if (kernel == 1 || in == out) {
            return new ShiftedConvolution(layout, kernel);
        }
        return in < out ? new GatheredConvolution(layout, kernel) : new SpreadConvolution(layout, kernel);
    }
}
