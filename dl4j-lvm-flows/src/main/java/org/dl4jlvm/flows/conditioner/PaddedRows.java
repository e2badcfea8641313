package org.dl4jlvm.flows.conditioner;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A batch of images in the layout of {@link RowsConvolution}: one row per pixel of the zero-padded images, one column
 * per channel. Each image is {@code (H + p) x (W + p)} rows: p zero rows above it and p zero pixels before each of its
 * rows. The padding is shared: the zeros before a row are also those after the row above, and the zero rows above an
 * image are also those below the image before; {@code p (W + p) + p} zero rows before and after the images complete
 * it. So the rows of every pixel shifted by up to p in each direction form one contiguous block of the buffer, and a
 * 14 x 14 image takes 225 rows for p = 1 (256 were it padded on every side). Interior rows hold the pixels; border rows (the padding) must hold zeros wherever an array is
 * read as a convolution's input. Also the geometry's conversions from and to flat NCHW rows {@code [n, C H W]}.
 */
final class PaddedRows {
    final int height;
    final int width;
    final int pad;
    final int paddedWidth;
    final int margin;
    private INDArray interiorMask;

    PaddedRows(int height, int width, int pad) {
        this.height = height;
        this.width = width;
        this.pad = pad;
        this.paddedWidth = width + pad;
        this.margin = pad * paddedWidth + pad;
    }

    /** Rows of the padded images of n examples. */
    long rows(long n) {
        return n * (height + (long) pad) * paddedWidth;
    }

    /** A zero buffer {@code [margin + rows(n) + margin, channels]}, outside any workspace. */
    INDArray allocate(DataType type, long n, long channels) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(type, rows(n) + 2L * margin, channels);
        }
    }

    /** {@code buffer} if it has the rows and type of {@code like} and {@code channels} columns, else a new zero one. */
    INDArray reuse(INDArray buffer, INDArray like, long channels) {
        if (buffer != null && buffer.size(0) == like.size(0) && buffer.size(1) == channels
                && buffer.dataType() == like.dataType()) {
            return buffer;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(like.dataType(), like.size(0), channels);
        }
    }

    /** The rows of the images, {@code [rows(n), C]}: the buffer without its margins. */
    INDArray images(INDArray buffer) {
        return rows(buffer, margin, buffer.size(0) - margin);
    }

    /**
     * Rows {@code [start, end)} of a c-ordered contiguous matrix, as a view made from its buffer: ND4J M2.1's
     * {@code get(interval(start, rows), all())} on a view whose range ends at its last row returned an empty array.
     */
    static INDArray rows(INDArray matrix, long start, long end) {
        long columns = matrix.size(1);
        if (matrix.rank() != 2 || matrix.ordering() != 'c' || matrix.stride(0) != columns || matrix.stride(1) != 1) {
            throw new IllegalArgumentException("matrix: expected a c-ordered contiguous matrix, found "
                    + matrix.shapeInfoToString());
        }
        if (start < 0 || end > matrix.size(0) || start > end) {
            throw new IllegalArgumentException("rows [" + start + ", " + end + "): outside a matrix of " + matrix.size(0));
        }
        return Nd4j.create(matrix.data(), new long[] {end - start, columns}, new long[] {columns, 1},
                matrix.offset() + start * columns, 'c');
    }

    /** Columns {@code [start, end)} of a matrix whose rows are contiguous (as the views of this class), as a view. */
    static INDArray columns(INDArray matrix, long start, long end) {
        if (matrix.rank() != 2 || matrix.ordering() != 'c' || matrix.stride(1) != 1) {
            throw new IllegalArgumentException("matrix: expected rows of contiguous elements, found "
                    + matrix.shapeInfoToString());
        }
        if (start < 0 || end > matrix.size(1) || start > end) {
            throw new IllegalArgumentException("columns [" + start + ", " + end + "): outside a matrix of " + matrix.size(1));
        }
        return Nd4j.create(matrix.data(), new long[] {matrix.size(0), end - start}, new long[] {matrix.stride(0), 1},
                matrix.offset() + start, 'c');
    }

    /** The rows of the images' pixels each shifted by (dy, dx), {@code [rows(n), C]}, |dy|, |dx| at most p. */
    INDArray shifted(INDArray buffer, int dy, int dx) {
        long start = margin + (long) dy * paddedWidth + dx;
        return rows(buffer, start, start + buffer.size(0) - 2L * margin);
    }

    /** The interior rows of the images as {@code [n, H, W, C]} (a view). */
    private INDArray interior(INDArray buffer) {
        long n = (buffer.size(0) - 2L * margin) / ((long) (height + pad) * paddedWidth);
        return images(buffer).reshape('c', n, height + (long) pad, paddedWidth, buffer.size(1))
                .get(NDArrayIndex.all(), NDArrayIndex.interval(pad, pad + height), NDArrayIndex.interval(pad, pad + width),
                        NDArrayIndex.all());
    }

    /** Writes flat NCHW rows {@code [n, C H W]} into the interior of {@code buffer}; its borders stay as they are. */
    void fromImages(INDArray flat, INDArray buffer) {
        long channels = buffer.size(1);
        interior(buffer).assign(flat.reshape('c', flat.size(0), channels, height, width).permute(0, 2, 3, 1));
    }

    /** The interior of {@code buffer} as flat NCHW rows {@code [n, C H W]} (a new array). */
    INDArray toImages(INDArray buffer) {
        INDArray pixels = interior(buffer);
        long n = pixels.size(0);
        return pixels.permute(0, 3, 1, 2).dup('c').reshape('c', n, buffer.size(1) * height * width);
    }

    /** Sets the border rows of the images in {@code buffer} to zero (margins untouched). */
    void zeroBorders(INDArray buffer) {
        INDArray images = images(buffer);
        if (interiorMask == null || interiorMask.size(0) != images.size(0) || interiorMask.dataType() != images.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray padded = Nd4j.zeros(images.dataType(), buffer.size(0), 1);
                interior(padded).assign(1);
                interiorMask = images(padded).dup();
            }
        }
        images.muliColumnVector(interiorMask);
    }
}
