package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolutions and transposed convolutions on NCHW arrays as rearrangements in Java ({@link IndexMap}: patches and
 * transposes, on every core) and OpenBLAS products ({@link Blas#gemm}); one instance per layer, which keeps its work
 * arrays and lets backprop reuse the forward pass. The fast path of {@code HostConvolutionLayer} and
 * {@code HostDeconvolution2D}, whose reference is DL4J's own layer (the tests hold them to each other). Why: ND4J's
 * {@code im2col} op took 53% of a convolutional encoder's training step on this project's machine, where gathering
 * the same patches in Java takes a few milliseconds.
 *
 * <p>With a convolution's weights {@code W [O, C, kH, kW]} read as {@code [O, K]} and its patch rows {@code X [N P, K]}:
 * forward {@code Z = X W^T + b}; backward {@code dW = dZ^T X}, {@code db = sum dZ}, {@code dX = col2im(dZ W)}. A
 * transposed convolution from {@code [N, Ci, H, W]} is the input gradient of the convolution from its output back to
 * its input, with weights {@code [Ci, Co, kH, kW]} read as {@code [Ci, K]}: forward {@code Y = col2im(X W) + b},
 * backward {@code dX = im2col(dY) W^T}, {@code dW = X^T im2col(dY)}.
 */
public final class HostConvolution {
    private final Scratch scratch = new Scratch();
    /** The input whose patches or rows the work arrays hold from the last training forward pass, or null. */
    private INDArray forwardInput;
    private INDArray preActivation;

    /**
     * Whether this path serves a layer on this input: host float or double arrays with direct BLAS, a rank-4 NCHW
     * input, no dilation, no dropout; anything else runs DL4J's own code.
     */
    public static boolean serves(org.deeplearning4j.nn.conf.layers.ConvolutionLayer layer, INDArray input, DataType type,
            ConvolutionMode mode) {
        int[] dilation = layer.getDilation();
        return Blas.direct(type) && input != null && input.rank() == 4 && layer.getIDropout() == null
                && layer.getCnn2dDataFormat() == CNN2DFormat.NCHW && dilation[0] == 1 && dilation[1] == 1
                && (mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict);
    }

    /** A layer's activations {@code z} copied into its workspace. */
    public static INDArray activations(INDArray z, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, z.dataType(), z.shape(), 'c').assign(z);
    }

    /**
     * The array a layer's backward pass writes its input gradient into, in the workspace: created before the work
     * arrays' scope, so that the last rearrangement writes straight into it.
     */
    public static INDArray inputGradient(INDArray input, DataType type, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, input.shape(), 'c');
    }

    /**
     * What a layer's backward pass returns: the parameter gradient views under DL4J's keys ({@code b} first when
     * there is one, then {@code W}, c order) and the input gradient from {@link #inputGradient}.
     */
    public static Pair<Gradient, INDArray> gradients(INDArray weightGradient, INDArray biasGradient,
            INDArray inputGradient) {
        Gradient gradient = new DefaultGradient();
        if (biasGradient != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        return new Pair<>(gradient, inputGradient);
    }

    /**
     * The pre-activation {@code z} that the last training forward pass left for this input (the layer's own input
     * array, not a copy), or null when the work arrays no longer hold it: backprop then reuses the forward pass
     * instead of computing it again. At most once; the activation's backprop may overwrite it.
     */
    INDArray preActivation(INDArray input) {
        INDArray z = input != null && input == forwardInput ? preActivation : null;
        preActivation = null;
        return z;
    }

    /**
     * The convolution's output {@code [N, O, outH, outW]} of input {@code [N, C, H, W]} (a work array); when
     * {@code training}, its patches and output stay for the backward pass of the same input.
     */
    INDArray forward(INDArray input, INDArray weights, INDArray bias, IndexMap patches, int outH, int outW,
            boolean training) {
        int n = (int) input.size(0);
        long out = weights.size(0);
        int positions = outH * outW;
        DataType type = weights.dataType();
        INDArray columns = patches.gather(input.castTo(type), scratch.array("columns", type, (long) n * positions,
                patches.targetSize() / positions), n);
        INDArray rows = scratch.array("rows", type, (long) n * positions, out);
        Blas.gemm(columns, weights.reshape('c', out, columns.size(1)), rows, false, true, 1.0, 0.0);
        INDArray z = IndexMap.transpose(positions, (int) out).gather(rows,
                scratch.array("z", type, n, out, outH, outW), n, biasItem(bias, type, out, positions));
        remember(input, z, training);
        return z;
    }

    /**
     * Writes the convolution's input gradient {@code [N, C, H, W]} into {@code inputGradient} from
     * {@code delta = dL/dZ} (after the activation), and the weight and bias gradients into the views given (bias may
     * be null); returns {@code inputGradient}.
     */
    INDArray backward(INDArray input, INDArray weights, INDArray delta, IndexMap patches, INDArray weightGradient,
            INDArray biasGradient, INDArray inputGradient) {
        int n = (int) input.size(0);
        long out = weights.size(0);
        DataType type = weights.dataType();
        int positions = (int) (delta.length() / ((long) n * out));
        long patchSize = patches.targetSize() / positions;
        INDArray columns = input == forwardInput ? scratch.array("columns", type, (long) n * positions, patchSize)
                : patches.gather(input.castTo(type),
                        scratch.array("columns", type, (long) n * positions, patchSize), n);
        forwardInput = null;
        INDArray rows = IndexMap.transpose((int) out, positions).gather(delta.castTo(type),
                scratch.array("delta-rows", type, (long) n * positions, out), n);
        INDArray w = scratch.array("weight-gradient", type, out, patchSize);
        Blas.gemm(rows, columns, w, true, false, 1.0, 0.0);
        weightGradient.assign(w.reshape(weightGradient.shape()));
        if (biasGradient != null) {
            INDArray sums = scratch.array("bias-gradient", type, 1, out);
            Blas.columnSums(rows, sums);
            biasGradient.assign(sums.reshape(biasGradient.shape()));
        }
        INDArray columnGradient = scratch.array("column-gradient", type, (long) n * positions, patchSize);
        Blas.gemm(rows, weights.reshape('c', out, patchSize), columnGradient, false, false, 1.0, 0.0);
        return patches.scatter(columnGradient, inputGradient, n);
    }

    /**
     * The transposed convolution's output {@code [N, Co, outH, outW]} of input {@code [N, Ci, H, W]}, {@code patches}
     * those of the convolution from its output back to its input; when {@code training}, its input rows and output
     * stay for the backward pass of the same input.
     */
    INDArray transposedForward(INDArray input, INDArray weights, INDArray bias, IndexMap patches, int outH,
            int outW, boolean training) {
        int n = (int) input.size(0);
        long in = weights.size(0);
        DataType type = weights.dataType();
        int positions = (int) (input.length() / ((long) n * in));
        long patchSize = patches.targetSize() / positions;
        INDArray rows = IndexMap.transpose((int) in, positions).gather(input.castTo(type),
                scratch.array("rows", type, (long) n * positions, in), n);
        INDArray columns = scratch.array("columns", type, (long) n * positions, patchSize);
        Blas.gemm(rows, weights.reshape('c', in, patchSize), columns, false, false, 1.0, 0.0);
        long channels = patches.sourceSize / ((long) outH * outW);
        INDArray z = patches.scatter(columns, scratch.array("z", type, n, channels, outH, outW), n,
                biasItem(bias, type, channels, outH * outW));
        remember(input, z, training);
        return z;
    }

    /**
     * Writes the transposed convolution's input gradient {@code [N, Ci, H, W]} into {@code inputGradient}, and the
     * parameter gradients; returns {@code inputGradient}.
     */
    INDArray transposedBackward(INDArray input, INDArray weights, INDArray delta, IndexMap patches,
            INDArray weightGradient, INDArray biasGradient, INDArray inputGradient) {
        int n = (int) input.size(0);
        long in = weights.size(0);
        DataType type = weights.dataType();
        int positions = (int) (input.length() / ((long) n * in));
        long patchSize = patches.targetSize() / positions;
        INDArray rows = input == forwardInput ? scratch.array("rows", type, (long) n * positions, in)
                : IndexMap.transpose((int) in, positions).gather(input.castTo(type),
                        scratch.array("rows", type, (long) n * positions, in), n);
        forwardInput = null;
        INDArray columns = patches.gather(delta.castTo(type), scratch.array("delta-columns", type, (long) n * positions,
                patchSize), n);
        INDArray w = scratch.array("weight-gradient", type, in, patchSize);
        Blas.gemm(rows, columns, w, true, false, 1.0, 0.0);
        weightGradient.assign(w.reshape(weightGradient.shape()));
        if (biasGradient != null) {
            biasGradient.assign(delta.sum(0, 2, 3).reshape(biasGradient.shape()));
        }
        INDArray inputRows = scratch.array("input-rows", type, (long) n * positions, in);
        Blas.gemm(columns, weights.reshape('c', in, patchSize), inputRows, false, true, 1.0, 0.0);
        return IndexMap.transpose(positions, (int) in).gather(inputRows, inputGradient, n);
    }

    /** One output item {@code [channels, positions]} holding each channel's bias, or null without bias. */
    private INDArray biasItem(INDArray bias, DataType type, long channels, int positions) {
        return bias == null ? null : scratch.array("bias-item", type, channels, positions).assign(0)
                .addiColumnVector(bias.reshape(channels, 1).castTo(type));
    }

    private void remember(INDArray input, INDArray z, boolean training) {
        forwardInput = training ? input : null;
        preActivation = training ? z : null;
    }
}
