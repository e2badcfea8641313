package org.dl4jlvm.core;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a matrix lies in memory, in BLAS's terms: its rows and columns, whether its rows or its columns are contiguous,
 * the leading dimension (the distance between consecutive rows, or columns), and the address of its first element
 * (ND4J's buffer of a view already starts at the view's offset). A vector counts as one row.
 */
final class MatrixLayout {
    final Pointer pointer;
    final int rows;
    final int columns;
    final boolean rowMajor;
    final int leading;

    private MatrixLayout(Pointer pointer, int rows, int columns, boolean rowMajor, int leading) {
        this.pointer = pointer;
        this.rows = rows;
        this.columns = columns;
        this.rowMajor = rowMajor;
        this.leading = leading;
    }

    /** {@code rows x columns} of a row-major buffer whose rows are {@code leading} elements apart. */
    static MatrixLayout rowMajor(Pointer pointer, int rows, int columns, int leading) {
        return new MatrixLayout(pointer, rows, columns, true, leading);
    }

    /** The layout of a vector or matrix, or null where BLAS cannot describe it (no unit stride either way, overlaps). */
    static MatrixLayout of(INDArray array) {
        if (array.rank() < 1 || array.rank() > 2 || array.isEmpty() || array.length() > Integer.MAX_VALUE) {
            return null;
        }
        long rows = array.rank() == 1 ? 1 : array.size(0);
        long columns = array.size(-1);
        long rowStride = array.rank() == 1 ? 0 : array.stride(0);
        long columnStride = columns == 1 ? 1 : array.stride(-1);
        if (rows == 1) {
            // one row: contiguous, or its elements a fixed distance apart, as in a column-major matrix
            return columnStride < 1 ? null
                    : layout(array, 1, columns, columnStride == 1, columnStride == 1 ? columns : columnStride);
        }
        if (columns == 1) {
            return rowStride < 1 ? null : layout(array, rows, 1, rowStride != 1, rowStride == 1 ? rows : rowStride);
        }
        if (columnStride == 1 && rowStride >= columns) {
            return layout(array, rows, columns, true, rowStride);
        }
        if (rowStride == 1 && columnStride >= rows) {
            return layout(array, rows, columns, false, columnStride);
        }
        return null;
    }

    private static MatrixLayout layout(INDArray array, long rows, long columns, boolean rowMajor, long leading) {
        return new MatrixLayout(array.data().addressPointer(), (int) rows, (int) columns, rowMajor, (int) leading);
    }
}
