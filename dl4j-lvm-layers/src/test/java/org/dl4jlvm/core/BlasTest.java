package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Blas} against ND4J's own product, sum and broadcast (a fresh {@code mmul}, not the gemm it replaces), for every layout BLAS is called with: both storage
 * orders, transposes, views at an offset into a larger buffer (as DL4J's parameter and gradient views are), rows with
 * a stride, and a layout it must hand back to ND4J (every other column).
 */
class BlasTest {
    private static final long SEED = 7;

    /** A {@code rows x columns} matrix in each layout: c, f, a view at an offset, a column slice with a stride. */
    private static List<INDArray> layouts(DataType type, int rows, int columns) {
        Nd4j.getRandom().setSeed(SEED + rows * 31L + columns);
        INDArray values = Nd4j.randn(type, rows, columns);
        List<INDArray> result = new ArrayList<>();
        result.add(values.dup('c'));
        result.add(values.dup('f'));
        INDArray flat = Nd4j.randn(type, 1, 5 + rows * columns);
        INDArray offsetView = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + rows * columns))
                .reshape('c', rows, columns);
        offsetView.assign(values);
        result.add(offsetView);
        INDArray wide = Nd4j.randn(type, rows, columns + 3);
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 1 + columns));
        strided.assign(values);
        result.add(strided);
        INDArray everyOther = Nd4j.randn(type, rows, 2 * columns).get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, 2, 2 * columns));
        everyOther.assign(values);
        result.add(everyOther);
        return result;
    }

    private static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 1e-4;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gemmEqualsMmulForEveryLayoutAndTranspose(DataType type) {
        int checked = 0;
        // m x k times k x n, with single rows, columns and inner sizes, where strides stop mattering in one direction
        for (int[] size : new int[][] {{5, 3, 4}, {1, 3, 4}, {5, 3, 1}, {5, 1, 4}}) {
            int m = size[0];
            int k = size[1];
            int n = size[2];
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean transposeB : new boolean[] {false, true}) {
                    List<INDArray> as = layouts(type, transposeA ? k : m, transposeA ? m : k);
                    List<INDArray> bs = layouts(type, transposeB ? n : k, transposeB ? k : n);
                    for (int i = 0; i < as.size(); i++) {
                        INDArray a = as.get(i);
                        INDArray b = bs.get((i + 1) % bs.size());
                        for (INDArray c : layouts(type, m, n)) {
                            INDArray left = transposeA ? a.transpose() : a;
                            INDArray right = transposeB ? b.transpose() : b;
                            INDArray expected = left.mmul(right).muli(0.5).addi(c.mul(2.0));
                            Blas.gemm(a, b, c, transposeA, transposeB, 0.5, 2.0);
                            assertTrue(expected.equalsWithEps(c, tolerance(type)), "size " + m + "x" + k + "x" + n
                                    + ", transposeA " + transposeA + ", transposeB " + transposeB + ", strides a "
                                    + Arrays.toString(a.stride()) + ", b " + Arrays.toString(b.stride()) + ", c "
                                    + Arrays.toString(c.stride()) + "\nexpected " + expected + "\nfound " + c);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(4 * 4 * 5 * 5, checked);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void columnSumsEqualSumOverRows(DataType type) {
        for (INDArray matrix : layouts(type, 300, 6)) {
            for (INDArray sums : new INDArray[] {Nd4j.zeros(type, 1, 6), Nd4j.zeros(type, 6),
                    Nd4j.zeros(type, 3, 6).getRow(2, true), Nd4j.zeros(type, 3, 6).dup('f').getRow(2, true)}) {
                Blas.columnSums(matrix, sums);
                assertTrue(matrix.sum(0).reshape(sums.shape()).equalsWithEps(sums, tolerance(type) * 100),
                        "sums " + sums + " of a matrix with strides " + Arrays.toString(matrix.stride()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 257})
    void affineAddsTheBiasToEveryRow(int batch) {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = layouts(type, batch, 3).get(2);
            INDArray weights = layouts(type, 3, 4).get(1);
            INDArray bias = Nd4j.randn(type, 1, 4);
            for (INDArray z : layouts(type, batch, 4)) {
                Blas.affine(x, weights, bias, z);
                INDArray expected = x.mmul(weights).addRowVector(bias);
                assertTrue(expected.equalsWithEps(z, tolerance(type)), "z with strides "
                        + Arrays.toString(z.stride()) + ": expected " + expected + ", found " + z);
            }
        }
    }

    @Test
    void mismatchedShapesAreRefusedBeforeOpenBlasReadsOutOfBounds() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray b = Nd4j.rand(DataType.FLOAT, 5, 2);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(a, b, Nd4j.create(DataType.FLOAT, 4, 2), false, false, 1.0, 0.0));
        assertTrue(error.getMessage().contains("op(a) is 4 x 3, op(b) 5 x 2"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Blas.affine(a, Nd4j.rand(DataType.FLOAT, 3, 2), Nd4j.rand(DataType.FLOAT, 1, 3),
                        Nd4j.create(DataType.FLOAT, 4, 2)));
    }
}
