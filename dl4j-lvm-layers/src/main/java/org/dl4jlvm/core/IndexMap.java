package org.dl4jlvm.core;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A rearrangement of each item of a batch (one image, or one image's rows): entry {@code j} of a target item reads
 * entry {@code offsets[j]} of its source item, or is zero where the offset is -1. {@link #gather} writes the targets
 * that way; {@link #scatter} runs the map backwards, adding every target entry into the source entry it reads (its
 * adjoint). The patches of a convolution (im2col and col2im) and the transposes between NCHW images and rows of
 * channels are such maps.
 *
 * <p>Both work on c-ordered host arrays of float or double, each core on a range of items.
 */
final class IndexMap {
    /** Entries of one source item. */
    final int sourceSize;
    private final int[] offsets;

    private IndexMap(int sourceSize, int[] offsets) {
        this.sourceSize = sourceSize;
        this.offsets = offsets;
    }

    /** Entries of one target item. */
    int targetSize() {
        return offsets.length;
    }

    /**
     * The patches of a 2-D convolution over NCHW images of C channels, {@code height x width}: the rows {@code [P, K]}
     * of an image (P output positions, K = C kH kW, the column order of a weight array [O, C, kH, kW] read as [O, K]),
     * entry {@code (oy, ox; c, ky, kx)} reading {@code c H W + iy W + ix} with {@code iy = oy sH - padTop + ky},
     * {@code ix = ox sW - padLeft + kx}, or nothing in the padding.
     */
    static IndexMap patches(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
            int padTop, int padLeft, int outH, int outW) {
        int[] offsets = new int[outH * outW * channels * kernelH * kernelW];
        int j = 0;
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int c = 0; c < channels; c++) {
                    for (int ky = 0; ky < kernelH; ky++) {
                        int iy = oy * strideH - padTop + ky;
                        for (int kx = 0; kx < kernelW; kx++) {
                            int ix = ox * strideW - padLeft + kx;
                            boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            offsets[j++] = inside ? (c * height + iy) * width + ix : -1;
                        }
                    }
                }
            }
        }
        return new IndexMap(channels * height * width, offsets);
    }

    /** The transpose of a {@code [rows, columns]} item: NCHW images to rows {@code [H W, C]} with rows = C. */
    static IndexMap transpose(int rows, int columns) {
        int[] offsets = new int[rows * columns];
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                offsets[c * rows + r] = r * columns + c;
            }
        }
        return new IndexMap(rows * columns, offsets);
    }

    /** Writes into {@code target} the {@code n} target items of the source items in {@code source}; returns it. */
    INDArray gather(INDArray source, INDArray target, int n) {
        return gather(source, target, n, null);
    }

    /**
     * As {@link #gather(INDArray, INDArray, int)}, adding to each target item the entries of {@code start} (one target
     * item, for example a bias per channel; null for none).
     */
    INDArray gather(INDArray source, INDArray target, int n, INDArray start) {
        return apply(source, target, n, false, start);
    }

    /** Writes into {@code target} the {@code n} source items that the target items in {@code source} add up to. */
    INDArray scatter(INDArray source, INDArray target, int n) {
        return scatter(source, target, n, null);
    }

    /**
     * As {@link #scatter(INDArray, INDArray, int)}, each sum starting from the entries of {@code start} (one source
     * item, for example a bias per channel; null for zero).
     */
    INDArray scatter(INDArray source, INDArray target, int n, INDArray start) {
        return apply(source, target, n, true, start);
    }

    /**
     * Item by item on every core: the item is copied in bulk into a Java array, rearranged there and copied back in
     * bulk. Why: reading and writing ND4J's buffers in place, entry by entry through {@code java.nio} buffers, spent
     * 10% of a convolutional VAE's training step in their index checks alone (a JFR profile). A target that is not a
     * plain c-ordered array is written through such a copy.
     */
    private INDArray apply(INDArray from, INDArray to, int n, boolean backwards, INDArray startItem) {
        int fromSize = backwards ? offsets.length : sourceSize;
        int toSize = backwards ? sourceSize : offsets.length;
        if (from.length() != (long) n * fromSize || to.length() != (long) n * toSize) {
            throw new IllegalArgumentException("index map of " + n + " items: expected " + (long) n * fromSize + " and "
                    + (long) n * toSize + " entries, found " + from.length() + " and " + to.length());
        }
        if (startItem != null && startItem.length() != toSize) {
            throw new IllegalArgumentException("index map start: expected " + toSize + " entries, found "
                    + startItem.length());
        }
        INDArray source = contiguous(from);
        INDArray start = startItem == null ? null : contiguous(startItem.castTo(source.dataType()));
        INDArray target = plain(to) && to.dataType() == source.dataType() ? to
                : Nd4j.createUninitialized(source.dataType(), to.shape(), 'c');
        boolean doubles = source.dataType() == DataType.DOUBLE;
        CoreRanges.run(n, Math.min(n, CoreRanges.cores()), (part, first, end) -> {
            Object in = doubles ? new double[fromSize] : new float[fromSize];
            Object out = doubles ? new double[toSize] : new float[toSize];
            Object startValues = start == null ? null : doubles ? new double[toSize] : new float[toSize];
            if (start != null) {
                HeapSlices.read(start, 0, startValues, toSize);
            }
            for (long item = first; item < end; item++) {
                HeapSlices.read(source, item * fromSize, in, fromSize);
                if (backwards && doubles) {
                    scatter((double[]) in, (double[]) out, (double[]) startValues);
                } else if (backwards) {
                    scatter((float[]) in, (float[]) out, (float[]) startValues);
                } else if (doubles) {
                    gather((double[]) in, (double[]) out, (double[]) startValues);
                } else {
                    gather((float[]) in, (float[]) out, (float[]) startValues);
                }
                HeapSlices.write(out, toSize, target, item * toSize);
            }
        });
        return target == to ? to : to.assign(target);
    }

    private void gather(float[] in, float[] out, float[] start) {
        for (int j = 0; j < offsets.length; j++) {
            int offset = offsets[j];
            out[j] = offset < 0 ? 0f : in[offset];
        }
        if (start != null) {
            for (int j = 0; j < offsets.length; j++) {
                out[j] += start[j];
            }
        }
    }

    private void gather(double[] in, double[] out, double[] start) {
        for (int j = 0; j < offsets.length; j++) {
            int offset = offsets[j];
            out[j] = offset < 0 ? 0.0 : in[offset];
        }
        if (start != null) {
            for (int j = 0; j < offsets.length; j++) {
                out[j] += start[j];
            }
        }
    }

    private void scatter(float[] in, float[] sums, float[] start) {
        if (start == null) {
            Arrays.fill(sums, 0f);
        } else {
            System.arraycopy(start, 0, sums, 0, sums.length);
        }
        for (int j = 0; j < offsets.length; j++) {
            int offset = offsets[j];
            if (offset >= 0) {
                sums[offset] += in[j];
            }
        }
    }

    private void scatter(double[] in, double[] sums, double[] start) {
        if (start == null) {
            Arrays.fill(sums, 0.0);
        } else {
            System.arraycopy(start, 0, sums, 0, sums.length);
        }
        for (int j = 0; j < offsets.length; j++) {
            int offset = offsets[j];
            if (offset >= 0) {
                sums[offset] += in[j];
            }
        }
    }

    /** The array itself when its buffer starts with its entries in c order, else such a copy. */
    static INDArray contiguous(INDArray array) {
        return plain(array) ? array : array.dup('c');
    }

    static boolean plain(INDArray array) {
        return array.offset() == 0 && array.ordering() == 'c' && array.elementWiseStride() == 1;
    }
}
