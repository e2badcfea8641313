package org.dl4jlvm.flows.conditioner;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.dl4jlvm.core.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two rearrangements of {@link GatheredConvolution} and {@link SpreadConvolution}, on whole {@link PaddedRows}
 * buffers and the k^2 row shifts of a kernel's positions (each times {@code sign}, +1 or -1), for the rows r between
 * the margins:
 * <ul>
 *   <li>gather: {@code T[r, b w + c] = S[r + s_b, c]}, source of w columns, target of k^2 w;</li>
 *   <li>sum: {@code T[r, c] = sum_b S[r + s_b, b w + c]}, source of k^2 w columns, target of w.</li>
 * </ul>
 * The target's margin rows are left as they are. On nd4j-native float and double buffers both run as Java loops
 * between one bulk copy of each buffer (ND4J's copies and adds of strided views took a third of a multi-scale flow's
 * training step); otherwise as ND4J ops on shifted views, the reference the loops are tested against.
 */
final class ShiftedBlocks {
    private final PaddedRows layout;
    private final int kernel;
    /** Heap copies kept between calls, one per role (each operation's source and target differ in width). */
    private final HeapCopy gatherSource = new HeapCopy();
    private final HeapCopy gatherTarget = new HeapCopy();
    private final HeapCopy sumSource = new HeapCopy();
    private final HeapCopy sumTarget = new HeapCopy();

    ShiftedBlocks(PaddedRows layout, int kernel) {
        this.layout = layout;
        this.kernel = kernel;
    }

    void gather(INDArray source, int sign, INDArray target) {
        int w = (int) source.size(1);
        if (!loops(source, target)) {
            forEachBlock(sign, (block, dy, dx) -> PaddedRows.columns(layout.images(target), block * w, (block + 1) * w)
                    .assign(layout.shifted(source, dy, dx)));
            return;
        }
        int[] shifts = shifts(sign);
        int width = w * shifts.length;
        int from = layout.margin;
        int to = (int) source.size(0) - layout.margin;
        if (source.dataType() == DataType.FLOAT) {
            float[] s = gatherSource.read(source);
            float[] t = gatherTarget.floats(target.length());
            for (int r = from; r < to; r++) {
                for (int b = 0; b < shifts.length; b++) {
                    System.arraycopy(s, (r + shifts[b]) * w, t, r * width + b * w, w);
                }
            }
            write(t, from * width, (to - from) * width, target);
        } else {
            double[] s = gatherSource.readDoubles(source);
            double[] t = gatherTarget.doubles(target.length());
            for (int r = from; r < to; r++) {
                for (int b = 0; b < shifts.length; b++) {
                    System.arraycopy(s, (r + shifts[b]) * w, t, r * width + b * w, w);
                }
            }
            write(t, from * width, (to - from) * width, target);
        }
    }

    void sum(INDArray source, int sign, INDArray target) {
        int w = (int) target.size(1);
        if (!loops(source, target)) {
            INDArray sum = layout.images(target);
            forEachBlock(sign, (block, dy, dx) -> {
                INDArray part = PaddedRows.columns(layout.shifted(source, dy, dx), block * w, (block + 1) * w);
                if (block == 0) {
                    sum.assign(part);
                } else {
                    sum.addi(part);
                }
            });
            return;
        }
        int[] shifts = shifts(sign);
        int width = w * shifts.length;
        int from = layout.margin;
        int to = (int) source.size(0) - layout.margin;
        if (source.dataType() == DataType.FLOAT) {
            float[] s = sumSource.read(source);
            float[] t = sumTarget.floats(target.length());
            for (int r = from; r < to; r++) {
                System.arraycopy(s, (r + shifts[0]) * width, t, r * w, w);
                for (int b = 1; b < shifts.length; b++) {
                    for (int c = 0, at = (r + shifts[b]) * width + b * w; c < w; c++) {
                        t[r * w + c] += s[at + c];
                    }
                }
            }
            write(t, from * w, (to - from) * w, target);
        } else {
            double[] s = sumSource.readDoubles(source);
            double[] t = sumTarget.doubles(target.length());
            for (int r = from; r < to; r++) {
                System.arraycopy(s, (r + shifts[0]) * width, t, r * w, w);
                for (int b = 1; b < shifts.length; b++) {
                    for (int c = 0, at = (r + shifts[b]) * width + b * w; c < w; c++) {
                        t[r * w + c] += s[at + c];
                    }
                }
            }
            write(t, from * w, (to - from) * w, target);
        }
    }

    /** Kernel position b = ky k + kx at the shift (dy, dx) = sign (ky - p, kx - p). */
    interface Block {
        void at(int block, int dy, int dx);
    }

    void forEachBlock(int sign, Block block) {
        int p = (kernel - 1) / 2;
        for (int ky = 0, b = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++, b++) {
                block.at(b, sign * (ky - p), sign * (kx - p));
            }
        }
    }

    private int[] shifts(int sign) {
        int[] shifts = new int[kernel * kernel];
        forEachBlock(sign, (b, dy, dx) -> shifts[b] = dy * layout.paddedWidth + dx);
        return shifts;
    }

    /** Whether both are whole nd4j-native float or double buffers of the same type (not views), for the loops. */
    private static boolean loops(INDArray source, INDArray target) {
        return Blas.direct(source.dataType()) && source.dataType() == target.dataType() && whole(source) && whole(target)
                && source.size(0) == target.size(0);
    }

    private static boolean whole(INDArray buffer) {
        return buffer.rank() == 2 && !buffer.isView() && buffer.ordering() == 'c' && buffer.offset() == 0
                && buffer.length() == buffer.data().length() && buffer.length() <= Integer.MAX_VALUE;
    }

    private static void write(float[] values, int start, int length, INDArray target) {
        new FloatPointer(target.data().addressPointer()).position(start).put(values, start, length);
    }

    private static void write(double[] values, int start, int length, INDArray target) {
        new DoublePointer(target.data().addressPointer()).position(start).put(values, start, length);
    }

    /** A float and a double array on the heap, made again only when the length asked for changes. */
    private static final class HeapCopy {
        private float[] floats = new float[0];
        private double[] doubles = new double[0];

        float[] floats(long length) {
            if (floats.length != length) {
                floats = new float[Math.toIntExact(length)];
            }
            return floats;
        }

        double[] doubles(long length) {
            if (doubles.length != length) {
                doubles = new double[Math.toIntExact(length)];
            }
            return doubles;
        }

        float[] read(INDArray source) {
            float[] values = floats(source.length());
            new FloatPointer(source.data().addressPointer()).get(values, 0, values.length);
            return values;
        }

        double[] readDoubles(INDArray source) {
            double[] values = doubles(source.length());
            new DoublePointer(source.data().addressPointer()).get(values, 0, values.length);
            return values;
        }
    }
}
