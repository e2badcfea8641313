package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2-D convolutions and transposed convolutions on NCHW arrays as patch gathering in Java ({@link Im2Col}) and one
 * OpenBLAS product each ({@link Blas#gemm}): the fast path of {@code HostConvolutionLayer} and
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
    private HostConvolution() {
    }

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
     * What a layer's backward pass returns: the parameter gradient views under DL4J's keys ({@code b} first when
     * there is one, then {@code W}, c order) and the input gradient copied into the workspace.
     */
    public static Pair<Gradient, INDArray> gradients(INDArray weightGradient, INDArray biasGradient, INDArray inputGradient,
            LayerWorkspaceMgr workspaceMgr) {
        Gradient gradient = new DefaultGradient();
        if (biasGradient != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        return new Pair<>(gradient, workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, inputGradient.dataType(),
                inputGradient.shape(), 'c').assign(inputGradient));
    }

    /** The convolution's output {@code [N, O, outH, outW]} of input {@code [N, C, H, W]} (a scratch array). */
    public static INDArray forward(INDArray input, INDArray weights, INDArray bias, Im2Col patches, int outH, int outW,
            Scratch scratch) {
        int n = (int) input.size(0);
        long out = weights.size(0);
        INDArray columns = gather(patches, input, n, scratch);
        INDArray rows = scratch.array("rows", input.dataType(), (long) n * patches.positions, out);
        Blas.gemm(columns, weights.reshape('c', out, patches.patchSize), rows, false, true, 1.0, 0.0);
        if (bias != null) {
            rows.addiRowVector(bias.reshape(1, out));
        }
        return toImages(rows, n, out, outH, outW, scratch);
    }

    /**
     * The convolution's input gradient {@code [N, C, H, W]} (a scratch array) from {@code delta = dL/dZ} (after the
     * activation), writing the weight and bias gradients into the views given (bias may be null).
     */
    public static INDArray backward(INDArray input, INDArray weights, INDArray delta, Im2Col patches, int height, int width,
            INDArray weightGradient, INDArray biasGradient, Scratch scratch) {
        int n = (int) input.size(0);
        long out = weights.size(0);
        DataType type = input.dataType();
        INDArray columns = gather(patches, input, n, scratch);
        INDArray rows = toRows(delta, n, out, patches.positions, scratch);
        INDArray w = scratch.array("weight-gradient", type, out, patches.patchSize);
        Blas.gemm(rows, columns, w, true, false, 1.0, 0.0);
        weightGradient.assign(w.reshape(weightGradient.shape()));
        if (biasGradient != null) {
            biasGradient.assign(rows.sum(0).reshape(biasGradient.shape()));
        }
        INDArray columnGradient = scratch.array("column-gradient", type, (long) n * patches.positions, patches.patchSize);
        Blas.gemm(rows, weights.reshape('c', out, patches.patchSize), columnGradient, false, false, 1.0, 0.0);
        return scatter(patches, columnGradient, n, patches.imageSize / (height * width), height, width, scratch);
    }

    /** The transposed convolution's output {@code [N, Co, outH, outW]}, patches those of the convolution back. */
    public static INDArray transposedForward(INDArray input, INDArray weights, INDArray bias, Im2Col patches, int outH,
            int outW, Scratch scratch) {
        int n = (int) input.size(0);
        long in = weights.size(0);
        DataType type = input.dataType();
        INDArray rows = toRows(input, n, in, patches.positions, scratch);
        INDArray columns = scratch.array("columns", type, (long) n * patches.positions, patches.patchSize);
        Blas.gemm(rows, weights.reshape('c', in, patches.patchSize), columns, false, false, 1.0, 0.0);
        long channels = patches.imageSize / ((long) outH * outW);
        INDArray output = scatter(patches, columns, n, channels, outH, outW, scratch);
        if (bias != null) {
            output.addi(bias.reshape(1, channels, 1, 1));
        }
        return output;
    }

    /** The transposed convolution's input gradient {@code [N, Ci, H, W]}, writing the parameter gradients. */
    public static INDArray transposedBackward(INDArray input, INDArray weights, INDArray delta, Im2Col patches, int height,
            int width, INDArray weightGradient, INDArray biasGradient, Scratch scratch) {
        int n = (int) input.size(0);
        long in = weights.size(0);
        DataType type = input.dataType();
        INDArray columns = gather(patches, delta, n, scratch);
        INDArray rows = toRows(input, n, in, patches.positions, scratch);
        INDArray w = scratch.array("weight-gradient", type, in, patches.patchSize);
        Blas.gemm(rows, columns, w, true, false, 1.0, 0.0);
        weightGradient.assign(w.reshape(weightGradient.shape()));
        if (biasGradient != null) {
            biasGradient.assign(delta.sum(0, 2, 3).reshape(biasGradient.shape()));
        }
        INDArray inputRows = scratch.array("input-rows", type, (long) n * patches.positions, in);
        Blas.gemm(columns, weights.reshape('c', in, patches.patchSize), inputRows, false, true, 1.0, 0.0);
        return toImages(inputRows, n, in, height, width, scratch);
    }

    /** Rows {@code [N P, C]} of an NCHW array {@code [N, C, ...]} with P positions. */
    private static INDArray toRows(INDArray images, int n, long channels, int positions, Scratch scratch) {
        INDArray rows = scratch.array("to-rows", images.dataType(), n, positions, channels);
        rows.assign(images.reshape('c', n, channels, positions).permute(0, 2, 1));
        return rows.reshape(n * (long) positions, channels);
    }

    /** NCHW {@code [N, C, h, w]} from rows {@code [N h w, C]}. */
    private static INDArray toImages(INDArray rows, int n, long channels, int height, int width, Scratch scratch) {
        INDArray images = scratch.array("to-images", rows.dataType(), n, channels, (long) height * width);
        images.assign(rows.reshape('c', n, (long) height * width, channels).permute(0, 2, 1));
        return images.reshape(n, channels, height, width);
    }

    /** The patch rows {@code [n P, K]} of n images. */
    private static INDArray gather(Im2Col patches, INDArray images, int n, Scratch scratch) {
        DataType type = images.dataType();
        Object in = read(contiguous(images), scratch.values("images", type, n * patches.imageSize));
        Object columns = scratch.values("columns", type, n * patches.positions * patches.patchSize);
        if (type == DataType.DOUBLE) {
            patches.gather((double[]) in, (double[]) columns, n);
        } else {
            patches.gather((float[]) in, (float[]) columns, n);
        }
        return write(columns, scratch.array("columns", type, (long) n * patches.positions, patches.patchSize));
    }

    /** The images {@code [n, C, h, w]} that the patch rows {@code columns} add up to. */
    private static INDArray scatter(Im2Col patches, INDArray columns, int n, long channels, int height, int width,
            Scratch scratch) {
        DataType type = columns.dataType();
        Object in = read(contiguous(columns), scratch.values("columns", type, n * patches.positions * patches.patchSize));
        Object images = scratch.values("images", type, n * patches.imageSize);
        if (type == DataType.DOUBLE) {
            patches.scatter((double[]) in, (double[]) images, n);
        } else {
            patches.scatter((float[]) in, (float[]) images, n);
        }
        return write(images, scratch.array("images", type, n, channels, height, width));
    }

    /** Copies the entries of a c-ordered array without offset into {@code values}, in bulk; returns it. */
    private static Object read(INDArray array, Object values) {
        if (values instanceof double[]) {
            new DoublePointer(array.data().addressPointer()).get((double[]) values, 0, (int) array.length());
        } else {
            new FloatPointer(array.data().addressPointer()).get((float[]) values, 0, (int) array.length());
        }
        return values;
    }

    /** Copies the values into the c-ordered array without offset, in bulk; returns it. */
    private static INDArray write(Object values, INDArray array) {
        if (values instanceof double[]) {
            new DoublePointer(array.data().addressPointer()).put((double[]) values, 0, (int) array.length());
        } else {
            new FloatPointer(array.data().addressPointer()).put((float[]) values, 0, (int) array.length());
        }
        return array;
    }

    /** The array itself when its buffer starts with its entries in c order, else such a copy. */
    private static INDArray contiguous(INDArray array) {
        boolean plain = array.offset() == 0 && array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array);
        return plain ? array : array.dup('c');
    }
}
