package org.dl4jlvm.flows.conditioner;

import java.util.Arrays;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.HeapSlices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The neighbours of every pixel under a k x k kernel, and the two rearrangements of {@link GatheredConvolution} and
 * {@link SpreadConvolution} on {@link PixelRows}. Kernel position b = ky k + kx looks at the shift
 * {@code s_b = sign (ky - p, kx - p)}, p = (k - 1) / 2; {@code r + s_b} is the pixel of row r so shifted, within the
 * same image, and reads as zero when it falls outside (the convolution's zero padding):
 * <ul>
 *   <li>gather: {@code T[r, b w + c] = S[r + s_b, c]}, source of w columns, target of k^2 w;</li>
 *   <li>sum: {@code T[r, c] = sum_b S[r + s_b, b w + c]}, source of k^2 w columns, target of w.</li>
 * </ul>
 * Both run as Java loops between bulk copies of each buffer (ND4J's copies of strided views took a third of a
 * multi-scale flow's training step), on float and double buffers of nd4j-native; other types and backends go through a
 * double copy. The float paths copy and process one image at a time, so that what a copy brings in is still in the
 * cache when the loop reads it: copied whole, a 14 x 14 level's 32 images of 64 channels (14.5 MB on the wide side)
 * went out to memory and back, and the sum took 7.4 to 8.0 ms against 3.5 to 5.8 image by image (scratch timing).
 */
final class Neighbours {
    private final int kernel;
    private final int pixels;
    /** Per sign (0: +1, 1: -1), per kernel position, per pixel of an image: the shifted pixel's index, or -1. */
    private final int[][][] tables;
    /** Heap copies per operation and side: each operation's source and target differ in width. */
    private final HeapCopy gatherSource = new HeapCopy();
    private final HeapCopy gatherTarget = new HeapCopy();
    private final HeapCopy sumSource = new HeapCopy();
    private final HeapCopy sumTarget = new HeapCopy();

    Neighbours(PixelRows layout, int kernel) {
        this.kernel = kernel;
        this.pixels = layout.pixels();
        int p = (kernel - 1) / 2;
        tables = new int[2][kernel * kernel][pixels];
        for (int sign = 0; sign < 2; sign++) {
            int direction = sign == 0 ? 1 : -1;
            for (int b = 0; b < kernel * kernel; b++) {
                int dy = direction * (b / kernel - p);
                int dx = direction * (b % kernel - p);
                for (int i = 0; i < layout.height; i++) {
                    for (int j = 0; j < layout.width; j++) {
                        boolean inside = i + dy >= 0 && i + dy < layout.height && j + dx >= 0 && j + dx < layout.width;
                        tables[sign][b][i * layout.width + j] = inside ? (i + dy) * layout.width + j + dx : -1;
                    }
                }
            }
        }
    }

    void gather(INDArray from, int sign, INDArray to) {
        int w = (int) from.size(1);
        check(from, to, w * kernel * kernel);
        int[][] table = tables[index(sign)];
        int rows = (int) from.size(0);
        if (direct(from, to) && from.dataType() == DataType.FLOAT) {
            int wide = w * table.length;
            float[] s = gatherSource.floats((long) pixels * w);
            float[] t = gatherTarget.floats((long) pixels * wide);
            for (int first = 0; first < rows; first += pixels) {
                HeapSlices.read(from, (long) first * w, s, s.length);
                forEachNeighbour(table, pixels, w, (at, into) -> {
                    if (at < 0) {
                        Arrays.fill(t, into, into + w, 0f);
                    } else {
                        System.arraycopy(s, at, t, into, w);
                    }
                });
                HeapSlices.write(t, t.length, to, (long) first * wide);
            }
        } else {
            double[] s = direct(from, to) ? gatherSource.readDoubles(from) : HeapCopy.doubles(from);
            double[] t = gatherTarget.doubles(to.length());
            forEachNeighbour(table, rows, w, (at, into) -> {
                if (at < 0) {
                    Arrays.fill(t, into, into + w, 0.0);
                } else {
                    System.arraycopy(s, at, t, into, w);
                }
            });
            write(t, to);
        }
    }

    void sum(INDArray from, int sign, INDArray to) {
        int w = (int) to.size(1);
        check(to, from, w * kernel * kernel);
        int[][] table = tables[index(sign)];
        int rows = (int) to.size(0);
        if (direct(from, to) && from.dataType() == DataType.FLOAT) {
            int wide = w * table.length;
            float[] s = sumSource.floats((long) pixels * wide);
            float[] t = sumTarget.floats((long) pixels * w);
            for (int first = 0; first < rows; first += pixels) {
                HeapSlices.read(from, (long) first * wide, s, s.length);
                Arrays.fill(t, 0f);
                forEachNeighbourBlock(table, pixels, w, (at, into) -> {
                    for (int c = 0; c < w; c++) {
                        t[into + c] += s[at + c];
                    }
                });
                HeapSlices.write(t, t.length, to, (long) first * w);
            }
        } else {
            double[] s = direct(from, to) ? sumSource.readDoubles(from) : HeapCopy.doubles(from);
            double[] t = sumTarget.doubles(to.length());
            Arrays.fill(t, 0.0);
            forEachNeighbourBlock(table, rows, w, (at, into) -> {
                for (int c = 0; c < w; c++) {
                    t[into + c] += s[at + c];
                }
            });
            write(t, to);
        }
    }

    /** What to do with w values at {@code at} in the source and {@code into} in the target. */
    private interface Move {
        void move(int at, int into);
    }

    /**
     * For the gather: for every row r and kernel position b, the offset of r's neighbour's w values in a source of w
     * columns (-1 outside the image) and of block b of row r in the target.
     */
    private void forEachNeighbour(int[][] table, int rows, int w, Move move) {
        int width = w * table.length;
        for (int base = 0; base < rows; base += pixels) {
            for (int r = 0; r < pixels; r++) {
                for (int b = 0, into = (base + r) * width; b < table.length; b++, into += w) {
                    int q = table[b][r];
                    move.move(q < 0 ? -1 : (base + q) * w, into);
                }
            }
        }
    }

    /**
     * For the sum: for every kernel position b and row r whose neighbour is inside the image, the offset of block b
     * of the neighbour's row in a source of k^2 w columns and of row r in the target.
     */
    private void forEachNeighbourBlock(int[][] table, int rows, int w, Move move) {
        int width = w * table.length;
        for (int base = 0; base < rows; base += pixels) {
            for (int b = 0; b < table.length; b++) {
                int[] neighbour = table[b];
                for (int r = 0; r < pixels; r++) {
                    if (neighbour[r] >= 0) {
                        move.move((base + neighbour[r]) * width + b * w, (base + r) * w);
                    }
                }
            }
        }
    }

    /** Writes the values into a whole double buffer of nd4j-native, or any array through ND4J's conversions. */
    private static void write(double[] values, INDArray to) {
        if (Blas.direct(to.dataType()) && to.dataType() == DataType.DOUBLE && whole(to)) {
            HeapSlices.write(values, values.length, to, 0);
        } else {
            to.assign(Nd4j.createFromArray(values).reshape(to.shape()).castTo(to.dataType()));
        }
    }

    private static int index(int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign: expected 1 or -1, found " + sign);
        }
        return sign == 1 ? 0 : 1;
    }

    /** Fails unless {@code narrow} and {@code wide} are pixel rows of one batch, wide having k^2 as many columns. */
    private void check(INDArray narrow, INDArray wide, long wideColumns) {
        if (narrow.rank() != 2 || wide.rank() != 2 || narrow.size(0) != wide.size(0) || narrow.size(0) % pixels != 0
                || wide.size(1) != wideColumns) {
            throw new IllegalArgumentException("expected pixel rows [n * " + pixels + ", w] and [n * " + pixels + ", "
                    + (kernel * kernel) + " w], found " + narrow.shapeInfoToString() + " and " + wide.shapeInfoToString());
        }
    }

    /** Whether both are whole nd4j-native float or double buffers of one type (not views), for the bulk copies. */
    private static boolean direct(INDArray from, INDArray to) {
        return Blas.direct(from.dataType()) && from.dataType() == to.dataType() && whole(from) && whole(to);
    }

    private static boolean whole(INDArray buffer) {
        return !buffer.isView() && buffer.ordering() == 'c' && buffer.offset() == 0
                && buffer.length() == buffer.data().length() && buffer.length() <= Integer.MAX_VALUE;
    }
}
