package org.dl4jlvm.core;

import static org.dl4jlvm.DirectCalls.withoutDirectCalls;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jlvm.Rejections;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link Rows#gather} against ND4J's {@code getRows}, on both paths, for every layout it meets. */
class RowsTest {
    private static final int[] ROWS = {7, 0, 7, 19, 3};

    private static void assertGathers(INDArray matrix) {
        INDArray expected = matrix.getRows(ROWS);
        INDArray direct = Rows.gather(matrix, ROWS);
        INDArray fallback = withoutDirectCalls(() -> Rows.gather(matrix, ROWS));
        assertArrayEquals(new long[] {ROWS.length, matrix.size(1)}, direct.shape());
        assertEquals(expected, direct);
        assertEquals(expected, fallback);
        assertEquals(matrix.dataType(), direct.dataType());
    }

    @Test
    void gathersTheSameRowsAsNd4j() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray matrix = Nd4j.rand(type, 20, 13);
            assertGathers(matrix);
            assertGathers(Nd4j.rand(type, 20, 1));
            // a view of rows (contiguous, at an offset) and a column-major copy (ND4J's path)
            assertGathers(Nd4j.rand(type, 30, 13).get(NDArrayIndex.interval(5, 25), NDArrayIndex.all()));
            assertGathers(matrix.dup('f'));
            // a view of columns (not contiguous)
            assertGathers(Nd4j.rand(type, 20, 13).get(NDArrayIndex.all(), NDArrayIndex.interval(2, 9)));
        }
    }

    @Test
    void anIndexOutsideTheMatrixIsRejected() {
        Rejections.assertMessage(() -> Rows.gather(Nd4j.rand(DataType.FLOAT, 4, 3), new int[] {1, 4}),
                "rows", "[0, 4)", "found 4");
        Rejections.assertMessage(() -> Rows.gather(Nd4j.rand(DataType.FLOAT, 4, 3), new int[] {-1}), "rows", "found -1");
    }
}
