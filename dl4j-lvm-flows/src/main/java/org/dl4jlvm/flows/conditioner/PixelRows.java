package org.dl4jlvm.flows.conditioner;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of images as the rows of a matrix, the layout of {@link RowsConvolution}: one row per pixel, image after
 * image and row after row ({@code n H W} rows), one column per channel (NHWC, no padding). Also the conversions from and
 * to flat NCHW rows {@code [n, C H W]}, and the work buffers kept between iterations.
 */
final class PixelRows {
    final int height;
    final int width;

    PixelRows(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** Pixels of one image. */
    int pixels() {
        return height * width;
    }

    /** {@code buffer} if it has the rows and type of {@code like} and {@code channels} columns, else a new zero one. */
    static INDArray reuse(INDArray buffer, INDArray like, long channels) {
        if (buffer != null && buffer.size(0) == like.size(0) && buffer.size(1) == channels
                && buffer.dataType() == like.dataType()) {
            return buffer;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(like.dataType(), like.size(0), channels);
        }
    }

    /** A zero buffer {@code [n H W, channels]}, outside any workspace. */
    INDArray allocate(DataType type, long n, long channels) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(type, n * pixels(), channels);
        }
    }

    /** Writes flat NCHW rows {@code [n, C H W]} into {@code buffer}, {@code [n H W, C]}. */
    void fromImages(INDArray flat, INDArray buffer) {
        long channels = buffer.size(1);
        buffer.reshape('c', flat.size(0), height, width, channels)
                .assign(flat.reshape('c', flat.size(0), channels, height, width).permute(0, 2, 3, 1));
    }

    /** The pixel rows of {@code buffer} as flat NCHW rows {@code [n, C H W]} (a new array). */
    INDArray toImages(INDArray buffer) {
        long n = buffer.size(0) / pixels();
        return buffer.reshape('c', n, height, width, buffer.size(1)).permute(0, 3, 1, 2).dup('c')
                .reshape('c', n, buffer.size(1) * height * width);
    }
}
