package org.dl4jlvm.core;


/**
 * The patches of a 2-D convolution over images of C channels, {@code height x width}, in NCHW order: for every output
 * position {@code (oy, ox)} and every kernel entry {@code (c, ky, kx)}, the input offset
 * {@code c H W + iy W + ix} with {@code iy = oy sH - padTop + ky}, {@code ix = ox sW - padLeft + kx}, or -1 in the
 * padding. {@link #gather} (im2col) writes the patches as rows {@code [N * P, K]} (P output positions, K = C kH kW,
 * the column order of a weight array [O, C, kH, kW] read as [O, K]); {@link #scatter} (col2im) adds such rows back.
 * Both work on heap copies, which {@link HostConvolution} moves to and from ND4J's buffers in bulk.
 */
final class Im2Col {
    final int imageSize;
    final int positions;
    final int patchSize;
    private final int[] offsets;

    Im2Col(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW, int padTop,
            int padLeft, int outH, int outW) {
        this.imageSize = channels * height * width;
        this.positions = outH * outW;
        this.patchSize = channels * kernelH * kernelW;
        this.offsets = new int[positions * patchSize];
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
    }

    /** Writes into {@code columns} the rows {@code [n P, K]} of the patches of n images {@code [n, C H W]}. */
    void gather(float[] images, float[] columns, int n) {
        for (int image = 0; image < n; image++) {
            int base = image * imageSize;
            int row = image * offsets.length;
            for (int j = 0; j < offsets.length; j++) {
                int offset = offsets[j];
                columns[row + j] = offset < 0 ? 0f : images[base + offset];
            }
        }
    }

    void gather(double[] images, double[] columns, int n) {
        for (int image = 0; image < n; image++) {
            int base = image * imageSize;
            int row = image * offsets.length;
            for (int j = 0; j < offsets.length; j++) {
                int offset = offsets[j];
                columns[row + j] = offset < 0 ? 0.0 : images[base + offset];
            }
        }
    }

    /** Writes into {@code images} n images {@code [n, C H W]}, each entry the sum of the patch rows that read it. */
    void scatter(float[] columns, float[] images, int n) {
        java.util.Arrays.fill(images, 0f);
        for (int image = 0; image < n; image++) {
            int base = image * imageSize;
            int row = image * offsets.length;
            for (int j = 0; j < offsets.length; j++) {
                int offset = offsets[j];
                if (offset >= 0) {
                    images[base + offset] += columns[row + j];
                }
            }
        }
    }

    void scatter(double[] columns, double[] images, int n) {
        java.util.Arrays.fill(images, 0.0);
        for (int image = 0; image < n; image++) {
            int base = image * imageSize;
            int row = image * offsets.length;
            for (int j = 0; j < offsets.length; j++) {
                int offset = offsets[j];
                if (offset >= 0) {
                    images[base + offset] += columns[row + j];
                }
            }
        }
    }
}
