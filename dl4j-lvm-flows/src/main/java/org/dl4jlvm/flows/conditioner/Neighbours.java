package org.dl4jlvm.flows.conditioner;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.dl4jlvm.core.Blas;
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
 * Both run as Java loops between one bulk copy of each buffer (ND4J's copies of strided views took a third of a
 * multi-scale flow's training step), on float and double buffers of nd4j-native; other types and backends go through a
 * double copy.
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
        if (!direct(from, to)) {
            double[] s = HeapCopy.doubles(from);
            double[] t = new double[(int) to.length()];
            gather(s, t, w, tables[index(sign)]);
            to.assign(Nd4j.createFromArray(t).reshape(to.shape()).castTo(to.dataType()));
        } else if (from.dataType() == DataType.FLOAT) {
            float[] t = gatherTarget.floats(to.length());
            gather(gatherSource.read(from), t, w, tables[index(sign)]);
            new FloatPointer(to.data().addressPointer()).put(t, 0, t.length);
        } else {
            double[] t = gatherTarget.doubles(to.length());
            gather(gatherSource.readDoubles(from), t, w, tables[index(sign)]);
            new DoublePointer(to.data().addressPointer()).put(t, 0, t.length);
        }
    }

    void sum(INDArray from, int sign, INDArray to) {
        int w = (int) to.size(1);
        check(to, from, w * kernel * kernel);
        if (!direct(from, to)) {
            double[] s = HeapCopy.doubles(from);
            double[] t = new double[(int) to.length()];
            sum(s, t, w, tables[index(sign)]);
            to.assign(Nd4j.createFromArray(t).reshape(to.shape()).castTo(to.dataType()));
        } else if (from.dataType() == DataType.FLOAT) {
            float[] t = sumTarget.floats(to.length());
            sum(sumSource.read(from), t, w, tables[index(sign)]);
            new FloatPointer(to.data().addressPointer()).put(t, 0, t.length);
        } else {
            double[] t = sumTarget.doubles(to.length());
            sum(sumSource.readDoubles(from), t, w, tables[index(sign)]);
            new DoublePointer(to.data().addressPointer()).put(t, 0, t.length);
        }
    }

    private void gather(float[] s, float[] t, int w, int[][] table) {
        int width = w * table.length;
        for (int image = 0, rows = s.length / w; image * pixels < rows; image++) {
            int base = image * pixels;
            for (int r = 0; r < pixels; r++) {
                for (int b = 0, at = (base + r) * width; b < table.length; b++, at += w) {
                    int q = table[b][r];
                    if (q < 0) {
                        java.util.Arrays.fill(t, at, at + w, 0f);
                    } else {
                        System.arraycopy(s, (base + q) * w, t, at, w);
                    }
                }
            }
        }
    }

    private void gather(double[] s, double[] t, int w, int[][] table) {
        int width = w * table.length;
        for (int image = 0, rows = s.length / w; image * pixels < rows; image++) {
            int base = image * pixels;
            for (int r = 0; r < pixels; r++) {
                for (int b = 0, at = (base + r) * width; b < table.length; b++, at += w) {
                    int q = table[b][r];
                    if (q < 0) {
                        java.util.Arrays.fill(t, at, at + w, 0.0);
                    } else {
                        System.arraycopy(s, (base + q) * w, t, at, w);
                    }
                }
            }
        }
    }

    private void sum(float[] s, float[] t, int w, int[][] table) {
        int width = w * table.length;
        java.util.Arrays.fill(t, 0f);
        for (int image = 0, rows = t.length / w; image * pixels < rows; image++) {
            int base = image * pixels;
            for (int b = 0; b < table.length; b++) {
                int[] neighbour = table[b];
                for (int r = 0; r < pixels; r++) {
                    int q = neighbour[r];
                    if (q >= 0) {
                        for (int c = 0, at = (base + q) * width + b * w, row = (base + r) * w; c < w; c++) {
                            t[row + c] += s[at + c];
                        }
                    }
                }
            }
        }
    }

    private void sum(double[] s, double[] t, int w, int[][] table) {
        int width = w * table.length;
        java.util.Arrays.fill(t, 0.0);
        for (int image = 0, rows = t.length / w; image * pixels < rows; image++) {
            int base = image * pixels;
            for (int b = 0; b < table.length; b++) {
                int[] neighbour = table[b];
                for (int r = 0; r < pixels; r++) {
                    int q = neighbour[r];
                    if (q >= 0) {
                        for (int c = 0, at = (base + q) * width + b * w, row = (base + r) * w; c < w; c++) {
                            t[row + c] += s[at + c];
                        }
                    }
                }
            }
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
