package org.dl4jlvm.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Small OpenBLAS calls cut into blocks that OpenBLAS runs on the calling thread: products under
 * {@value #THREADED_FROM} multiply-adds ({@code m n k}) and column sums, while OpenBLAS runs more than one thread.
 * Larger products go to OpenBLAS whole, to run on its threads.
 *
 * <p>Why: OpenBLAS 0.3 spreads a product of more than {@value #SERIAL_PRODUCT} multiply-adds, and a matrix-vector
 * product of {@value #THREADED_MATRIX_VECTOR} elements or more, over its threads (both sizes checked by the CPU time of
 * its second thread over 20,000 calls just below and just above them), and its idle threads sleep between calls, so
 * each such call first wakes one. Timed call by call inside the dense VAE's training command on a 2-core
 * virtual machine (AMD EPYC under KVM), two threads took 261 us for a 128 x 256 x 32 product that one thread did in
 * 41 us, and 140 us for a column sum of 128 x 256 that took one thread 7 us, while on the 128 x 512 x 784 products
 * they still won (1.3 to 1.5 ms against 1.6 to 1.9). OpenBLAS's thread count is one number for the whole process,
 * and changing it took about a millisecond a call.
 *
 * <p>A product is cut along the one of {@code m}, {@code n} and {@code k} that gives the fewest blocks; blocks along
 * {@code k} add into the result (the first with the caller's {@code beta}, the rest with 1), so their sums round in
 * another order. A call that no cut brings under the limit runs whole.
 */
final class SerialBlocks {
    /** Products from this many multiply-adds on run whole, on OpenBLAS's threads. */
    static final double THREADED_FROM = 1 << 24;
    /** The largest product ({@code m n k}) OpenBLAS runs on the calling thread: 65,536 times its threshold of 4. */
    static final long SERIAL_PRODUCT = 65_536L * 4;
    /** The fewest elements of a matrix-vector product that OpenBLAS threads: 2,304 times its threshold of 4. */
    static final long THREADED_MATRIX_VECTOR = 2_304L * 4;

    /** One call on a block: its sizes, the element offsets of its first elements in A, B and C, and its beta. */
    interface Block {
        void run(int m, int n, int k, long aOffset, long bOffset, long cOffset, double beta);
    }

    /** One column-sum call on a block of rows: how many, the element offset of its first, and its beta. */
    interface RowBlock {
        void run(int rows, long offset, double beta);
    }

    private SerialBlocks() {
    }

    /**
     * Runs {@code C = op(A) op(B) + beta C}, given as cblas's arguments, as one call or as blocks each under
     * {@link #SERIAL_PRODUCT} multiply-adds.
     */
    static void product(int order, int opA, int opB, int m, int n, int k, int lda, int ldb, int ldc, double beta,
            Block block) {
        if (threaded()) {
            cut(order, opA, opB, m, n, k, lda, ldb, ldc, beta, block);
        } else {
            block.run(m, n, k, 0, 0, 0, beta);
        }
    }

    /** {@link #product} as blocks whatever OpenBLAS's thread count. */
    static void cut(int order, int opA, int opB, int m, int n, int k, int lda, int ldb, int ldc, double beta,
            Block block) {
        long rows = SERIAL_PRODUCT / ((long) n * k);
        long columns = SERIAL_PRODUCT / ((long) m * k);
        long inner = SERIAL_PRODUCT / ((long) m * n);
        long widest = Math.max(rows, Math.max(columns, inner));
        double multiplyAdds = (double) m * n * k;
        if (multiplyAdds >= THREADED_FROM || multiplyAdds <= SERIAL_PRODUCT || widest == 0) {
            block.run(m, n, k, 0, 0, 0, beta);
            return;
        }
        boolean rowMajor = order == CblasRowMajor;
        if (rows == widest) {
            for (int first = 0; first < m; first += (int) rows) {
                int size = (int) Math.min(rows, m - first);
                block.run(size, n, k, opA == CblasNoTrans ? offset(rowMajor, first, 0, lda)
                        : offset(rowMajor, 0, first, lda), 0, offset(rowMajor, first, 0, ldc), beta);
            }
        } else if (columns == widest) {
            for (int first = 0; first < n; first += (int) columns) {
                int size = (int) Math.min(columns, n - first);
                block.run(m, size, k, 0, opB == CblasNoTrans ? offset(rowMajor, 0, first, ldb)
                        : offset(rowMajor, first, 0, ldb), offset(rowMajor, 0, first, ldc), beta);
            }
        } else {
            for (int first = 0; first < k; first += (int) inner) {
                int size = (int) Math.min(inner, k - first);
                block.run(m, n, size, opA == CblasNoTrans ? offset(rowMajor, 0, first, lda)
                        : offset(rowMajor, first, 0, lda), opB == CblasNoTrans ? offset(rowMajor, first, 0, ldb)
                        : offset(rowMajor, 0, first, ldb), 0, first == 0 ? beta : 1.0);
            }
        }
    }

    /**
     * Runs the column sums of an {@code m x n} matrix ({@code ?gemv} with its transpose) as one call or as blocks of
     * rows, each under {@link #THREADED_MATRIX_VECTOR} elements, adding into the sums.
     */
    static void columnSums(int order, int m, int n, int lda, RowBlock block) {
        if (threaded()) {
            cutColumnSums(order, m, n, lda, block);
        } else {
            block.run(m, 0, 0.0);
        }
    }

    /** {@link #columnSums} as blocks whatever OpenBLAS's thread count. */
    static void cutColumnSums(int order, int m, int n, int lda, RowBlock block) {
        long rows = (THREADED_MATRIX_VECTOR - 1) / n;
        if ((long) m * n < THREADED_MATRIX_VECTOR || rows == 0) {
            block.run(m, 0, 0.0);
            return;
        }
        for (int first = 0; first < m; first += (int) rows) {
            int size = (int) Math.min(rows, m - first);
            block.run(size, offset(order == CblasRowMajor, first, 0, lda), first == 0 ? 0.0 : 1.0);
        }
    }

    private static boolean threaded() {
        return openblas_nolapack.blas_get_num_threads() > 1;
    }

    /** The element offset of {@code (row, column)} in a matrix stored in this order with this leading dimension. */
    private static long offset(boolean rowMajor, long row, long column, int leading) {
        return rowMajor ? row * leading + column : row + column * leading;
    }
}
