package org.dl4jlvm.core;

import static org.dl4jlvm.DirectCalls.withoutDirectCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link Blas#absoluteSum}, the training guard's finiteness test, on both paths: the sum of |x| against a plain loop,
 * and non-finite wherever a NaN or an infinity sits (OpenBLAS's kernels work in blocks of 16 with a scalar tail).
 */
class AbsoluteSumTest {
    private static final int[] LENGTHS = {1, 7, 16, 17, 100, 100_003};

    private static void onBothPaths(Runnable check) {
        check.run();
        withoutDirectCalls((Supplier<Void>) () -> {
            check.run();
            return null;
        });
    }

    @Test
    void sumsTheAbsoluteValuesOfTheViewOnly() {
        onBothPaths(() -> {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (int length : LENGTHS) {
                    INDArray buffer = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(length), new long[] {1, length + 9})
                            .castTo(type);
                    INDArray view = buffer.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + length));
                    double expected = 0;
                    for (double value : view.toDoubleVector()) {
                        expected += Math.abs(value);
                    }
                    double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
                    assertEquals(expected, Blas.absoluteSum(view), tolerance * expected, type + ", length " + length);
                }
            }
        });
    }

    @Test
    void isNotFiniteWhereverANanOrAnInfinitySits() {
        onBothPaths(() -> {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (int length : LENGTHS) {
                    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                        for (int position : new int[] {0, length / 2, length - 1}) {
                            INDArray x = Nd4j.rand(type, 1, length);
                            x.putScalar(position, bad);
                            assertFalse(Double.isFinite(Blas.absoluteSum(x)), type + ", length " + length + ", " + bad
                                    + " at " + position);
                        }
                    }
                    assertTrue(Double.isFinite(Blas.absoluteSum(Nd4j.rand(type, 1, length))));
                }
            }
        });
    }

    /** Checks.nonFinite, which uses the sum as its first test, counts exactly on both paths. */
    @Test
    void nonFiniteCountsNanAndBothInfinities() {
        onBothPaths(() -> {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                INDArray x = Nd4j.rand(type, 3, 50);
                assertEquals(0, Checks.nonFinite(x));
                x.putScalar(0, 3, Double.NaN);
                x.putScalar(1, 49, Double.POSITIVE_INFINITY);
                x.putScalar(2, 0, Double.NEGATIVE_INFINITY);
                assertEquals(3, Checks.nonFinite(x), type.toString());
                assertEquals(1, Checks.nonFinite(x.getRow(1)), type + ", a row view");
            }
            assertEquals(0, Checks.nonFinite(Nd4j.ones(DataType.INT32, 4)));
        });
    }

    /** Finite entries can overflow the float sum: the guard then counts, and finds none. */
    @Test
    void hugeFiniteEntriesOverflowTheSumButCountNoneNonFinite() {
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 4}, 3e38f, DataType.FLOAT);
        assertFalse(Double.isFinite(Blas.absoluteSum(x)));
        assertEquals(0, Checks.nonFinite(x));
    }
}
