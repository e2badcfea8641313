package org.dl4jlvm.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The calls into OpenBLAS (the library ND4J's CPU backend itself loads) behind {@link Blas}; loaded only on that
 * backend. Float and double are told apart by the pointers ND4J hands out for the buffers.
 */
final class OpenBlas {
    /** Vectors of ones for sums and row broadcasts, replaced by a longer one when needed, never written after. */
    private static volatile FloatPointer floatOnes;
    private static volatile DoublePointer doubleOnes;

    private OpenBlas() {
    }

    /** {@code c = alpha op(a) op(b) + beta c} in c's storage order; a matrix stored the other way is transposed. */
    static void gemm(MatrixLayout a, MatrixLayout b, MatrixLayout c, boolean transposeA, boolean transposeB,
            double alpha, double beta) {
        int order = c.rowMajor ? CblasRowMajor : CblasColMajor;
        int opA = transposeA != (a.rowMajor != c.rowMajor) ? CblasTrans : CblasNoTrans;
        int opB = transposeB != (b.rowMajor != c.rowMajor) ? CblasTrans : CblasNoTrans;
        int inner = transposeA ? a.rows : a.columns;
        if (c.pointer instanceof DoublePointer) {
            DoublePointer pa = (DoublePointer) a.pointer, pb = (DoublePointer) b.pointer;
            DoublePointer pc = (DoublePointer) c.pointer;
            SerialBlocks.product(order, opA, opB, c.rows, c.columns, inner, a.leading, b.leading, c.leading, beta,
                    (m, n, k, aOffset, bOffset, cOffset, blockBeta) -> openblas_nolapack.cblas_dgemm(order, opA, opB,
                            m, n, k, alpha, pa.getPointer(aOffset), a.leading, pb.getPointer(bOffset), b.leading,
                            blockBeta, pc.getPointer(cOffset), c.leading));
        } else {
            FloatPointer pa = (FloatPointer) a.pointer, pb = (FloatPointer) b.pointer, pc = (FloatPointer) c.pointer;
            SerialBlocks.product(order, opA, opB, c.rows, c.columns, inner, a.leading, b.leading, c.leading, beta,
                    (m, n, k, aOffset, bOffset, cOffset, blockBeta) -> openblas_nolapack.cblas_sgemm(order, opA, opB,
                            m, n, k, (float) alpha, pa.getPointer(aOffset), a.leading, pb.getPointer(bOffset),
                            b.leading, (float) blockBeta, pc.getPointer(cOffset), c.leading));
        }
    }

    /** {@code sums = matrix^T 1}: the sum of each column, into a 1 x columns row. */
    static void columnSums(MatrixLayout matrix, MatrixLayout sums) {
        int order = matrix.rowMajor ? CblasRowMajor : CblasColMajor;
        int increment = sums.rowMajor ? 1 : sums.leading;
        if (matrix.pointer instanceof DoublePointer) {
            DoublePointer values = (DoublePointer) matrix.pointer;
            DoublePointer ones = doubleOnes(matrix.rows);
            SerialBlocks.columnSums(order, matrix.rows, matrix.columns, matrix.leading,
                    (rows, offset, beta) -> openblas_nolapack.cblas_dgemv(order, CblasTrans, rows, matrix.columns,
                            1.0, values.getPointer(offset), matrix.leading, ones, 1, beta, (DoublePointer) sums.pointer,
                            increment));
        } else {
            FloatPointer values = (FloatPointer) matrix.pointer;
            FloatPointer ones = floatOnes(matrix.rows);
            SerialBlocks.columnSums(order, matrix.rows, matrix.columns, matrix.leading,
                    (rows, offset, beta) -> openblas_nolapack.cblas_sgemv(order, CblasTrans, rows, matrix.columns,
                            1f, values.getPointer(offset), matrix.leading, ones, 1, (float) beta,
                            (FloatPointer) sums.pointer, increment));
        }
    }

    /** The sum of |x_i| over {@code length} contiguous elements from {@code pointer}. */
    static double absoluteSum(Pointer pointer, int length) {
        return pointer instanceof DoublePointer ? openblas_nolapack.cblas_dasum(length, (DoublePointer) pointer, 1)
                : openblas_nolapack.cblas_sasum(length, (FloatPointer) pointer, 1);
    }

    /** Every row of {@code target} set to {@code row} (1 x columns), as the product of a column of ones and the row. */
    static void broadcastRows(MatrixLayout row, MatrixLayout target) {
        Pointer ones = row.pointer instanceof DoublePointer ? doubleOnes(target.rows) : floatOnes(target.rows);
        gemm(MatrixLayout.rowMajor(ones, target.rows, 1, 1), row, target, false, false, 1.0, 0.0);
    }

    private static FloatPointer floatOnes(int length) {
        FloatPointer ones = floatOnes;
        if (ones == null || ones.capacity() < length) {
            float[] values = new float[length];
            Arrays.fill(values, 1f);
            ones = new FloatPointer(values);
            floatOnes = ones;
        }
        return ones;
    }

    private static DoublePointer doubleOnes(int length) {
        DoublePointer ones = doubleOnes;
        if (ones == null || ones.capacity() < length) {
            double[] values = new double[length];
            Arrays.fill(values, 1.0);
            ones = new DoublePointer(values);
            doubleOnes = ones;
        }
        return ones;
    }
}
