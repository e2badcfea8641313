package org.dl4jlvm.core;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SerialBlocks}: its blocks, run by a plain product on Java arrays at the offsets it gives, make the same
 * result as one call, for both storage orders, every transpose and cuts along each of m, n and k, with every block
 * under OpenBLAS's single-thread size; and {@link Blas} with OpenBLAS on two threads, where the cuts are live,
 * against ND4J's own product and sums.
 */
class SerialBlocksTest {
    /** m, n, k: cut along m, along n, along k, too large to cut, too small to need it. */
    private static final int[][] SIZES = {{4096, 16, 16}, {128, 256, 32}, {32, 16, 25_088}, {128, 512, 784},
        {8, 8, 8}};

    @Test
    void blocksMakeTheWholeProductEachOnOneThread() {
        int cuts = 0;
        for (int[] size : SIZES) {
            int m = size[0], n = size[1], k = size[2];
            for (int order : new int[] {CblasRowMajor, CblasColMajor}) {
                for (int opA : new int[] {CblasNoTrans, CblasTrans}) {
                    for (int opB : new int[] {CblasNoTrans, CblasTrans}) {
                        boolean rowMajor = order == CblasRowMajor;
                        // leading dimensions a little longer than the stored rows or columns
                        int lda = stored(rowMajor, opA == CblasNoTrans, m, k) + 3;
                        int ldb = stored(rowMajor, opB == CblasNoTrans, k, n) + 2;
                        int ldc = (rowMajor ? n : m) + 1;
                        Random random = new Random(m * 31L + n * 7L + k + order + opA * 3L + opB * 5L);
                        double[] a = random.doubles((long) lda * (opA == CblasNoTrans == rowMajor ? m : k)).toArray();
                        double[] b = random.doubles((long) ldb * (opB == CblasNoTrans == rowMajor ? k : n)).toArray();
                        double[] c = random.doubles((long) ldc * (rowMajor ? m : n)).toArray();
                        double[] whole = c.clone();
                        product(rowMajor, opA, opB, m, n, k, a, 0, lda, b, 0, ldb, 0.5, whole, 0, ldc);
                        double[] blocked = c.clone();
                        long[] blocks = {0, 0};
                        SerialBlocks.cut(order, opA, opB, m, n, k, lda, ldb, ldc, 0.5,
                                (bm, bn, bk, aOffset, bOffset, cOffset, beta) -> {
                                    blocks[0]++;
                                    blocks[1] = Math.max(blocks[1], (long) bm * bn * bk);
                                    product(rowMajor, opA, opB, bm, bn, bk, a, aOffset, lda, b, bOffset, ldb, beta,
                                            blocked, cOffset, ldc);
                                });
                        assertArrayEquals(whole, blocked, 1e-9 * k, "order " + order + ", opA " + opA + ", opB "
                                + opB + ", " + m + "x" + n + "x" + k);
                        long multiplyAdds = (long) m * n * k;
                        if (multiplyAdds > SerialBlocks.SERIAL_PRODUCT && multiplyAdds < SerialBlocks.THREADED_FROM) {
                            assertTrue(blocks[0] > 1 && blocks[1] <= SerialBlocks.SERIAL_PRODUCT, m + "x" + n + "x" + k
                                    + ": " + blocks[0] + " blocks, the largest of " + blocks[1] + " multiply-adds");
                        } else {
                            assertEquals(1, blocks[0], m + "x" + n + "x" + k + " runs whole");
                        }
                        cuts += blocks[0] > 1 ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(3 * 2 * 4, cuts, "the first three sizes are cut in every layout, the last two never");
    }

    @Test
    void columnSumBlocksAddUpToTheWholeSums() {
        for (int order : new int[] {CblasRowMajor, CblasColMajor}) {
            boolean rowMajor = order == CblasRowMajor;
            int m = 300, n = 64, lda = (rowMajor ? n : m) + 5;
            double[] matrix = new Random(3).doubles((long) lda * (rowMajor ? m : n)).toArray();
            double[] expected = new double[n];
            double[] sums = new Random(4).doubles(n).toArray();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    expected[j] += matrix[rowMajor ? i * lda + j : i + j * lda];
                }
            }
            int[] blocks = {0};
            SerialBlocks.cutColumnSums(order, m, n, lda, (rows, offset, beta) -> {
                blocks[0]++;
                assertTrue((long) rows * n < SerialBlocks.THREADED_MATRIX_VECTOR, "block of " + rows + " rows");
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int i = 0; i < rows; i++) {
                        sum += matrix[(int) offset + (rowMajor ? i * lda + j : i + j * lda)];
                    }
                    sums[j] = beta * sums[j] + sum;
                }
            });
            assertArrayEquals(expected, sums, 1e-9, "order " + order);
            assertTrue(blocks[0] > 1, "300 x 64 is cut, found " + blocks[0] + " block");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void productsAndSumsOnTwoOpenBlasThreadsEqualNd4j(DataType type) {
        org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        blas.setMaxThreads(2);
        try {
            Nd4j.getRandom().setSeed(11);
            for (int[] size : SIZES) {
                INDArray a = Nd4j.randn(type, size[2], size[0]);
                INDArray b = Nd4j.randn(type, size[1], size[2]).dup('f');
                INDArray c = Nd4j.randn(type, size[0], size[1]);
                INDArray expected = a.transpose().mmul(b.transpose()).addi(c.mul(2.0));
                Blas.gemm(a, b, c, true, true, 1.0, 2.0);
                double tolerance = (type == DataType.DOUBLE ? 1e-10 : 1e-3) * Math.sqrt(size[2]);
                assertTrue(expected.equalsWithEps(c, tolerance), "product " + size[0] + "x" + size[1] + "x"
                        + size[2] + ": largest difference " + expected.sub(c).amaxNumber());
            }
            INDArray matrix = Nd4j.randn(type, 300, 64);
            INDArray sums = Nd4j.valueArrayOf(new long[] {1, 64}, 5.0, type);
            Blas.columnSums(matrix, sums);
            assertTrue(matrix.sum(0).reshape(1, 64).equalsWithEps(sums, type == DataType.DOUBLE ? 1e-10 : 1e-3),
                    "sums " + sums + " against " + matrix.sum(0));
        } finally {
            blas.setMaxThreads(threads);
        }
    }

    /** The stored width (row-major) or height (column-major) of op(X), r x c: c or r, swapped when transposed. */
    private static int stored(boolean rowMajor, boolean plain, int rows, int columns) {
        return rowMajor == plain ? columns : rows;
    }

    /** {@code C = op(A) op(B) + beta C} on flat arrays in cblas's terms, by its definition. */
    private static void product(boolean rowMajor, int opA, int opB, int m, int n, int k, double[] a, long aOffset,
            int lda, double[] b, long bOffset, int ldb, double beta, double[] c, long cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) {
                    double x = opA == CblasNoTrans ? a[(int) (aOffset + at(rowMajor, i, l, lda))]
                            : a[(int) (aOffset + at(rowMajor, l, i, lda))];
                    double y = opB == CblasNoTrans ? b[(int) (bOffset + at(rowMajor, l, j, ldb))]
                            : b[(int) (bOffset + at(rowMajor, j, l, ldb))];
                    sum += x * y;
                }
                int index = (int) (cOffset + at(rowMajor, i, j, ldc));
                c[index] = beta * c[index] + sum;
            }
        }
    }

    private static long at(boolean rowMajor, int row, int column, int leading) {
        return rowMajor ? (long) row * leading + column : row + (long) column * leading;
    }
}
