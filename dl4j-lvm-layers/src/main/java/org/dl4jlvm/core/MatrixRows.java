package org.dl4jlvm.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Views of consecutive rows of a matrix, for work split by examples. */
public final class MatrixRows {
    private MatrixRows() {
    }

    /** The matrix itself when {@link #rows} can take it (a c-ordered contiguous matrix), else such a copy. */
    public static INDArray withContiguousRows(INDArray matrix) {
        return contiguousRows(matrix) ? matrix : matrix.dup('c');
    }

    private static boolean contiguousRows(INDArray matrix) {
        return matrix.rank() == 2 && matrix.ordering() == 'c' && matrix.stride(0) == matrix.size(1)
                && matrix.stride(1) == 1;
    }

    /**
     * Rows {@code [start, end)} of a c-ordered contiguous matrix, as a view made from its buffer: ND4J M2.1's
     * {@code get(interval(start, rows), all())} on a view whose range ends at its last row returned an empty array.
     */
    public static INDArray rows(INDArray matrix, long start, long end) {
        long columns = matrix.size(1);
        if (!contiguousRows(matrix)) {
            throw new IllegalArgumentException("matrix: expected a c-ordered contiguous matrix, found "
                    + matrix.shapeInfoToString());
        }
        if (start < 0 || end > matrix.size(0) || start > end) {
            throw new IllegalArgumentException("rows [" + start + ", " + end + "): outside a matrix of " + matrix.size(0));
        }
        return Nd4j.create(matrix.data(), new long[] {end - start, columns}, new long[] {columns, 1},
                matrix.offset() + start * columns, 'c');
    }
}
