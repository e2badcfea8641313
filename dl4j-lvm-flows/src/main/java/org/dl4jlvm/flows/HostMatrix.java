package org.dl4jlvm.flows;

import java.util.Arrays;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.HeapSlices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between ND4J matrices and row-major {@code double[]} on the Java heap, for arithmetic written as Java loops.
 * Float and double arrays of nd4j-native are copied in one bulk copy each way; other types and backends go through
 * ND4J's own conversions.
 */
final class HostMatrix {
    private HostMatrix() {
    }

    /** The rank-2 array's values, row-major, whatever its strides (a view of some columns, say). */
    static double[] read(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, found shape " + Arrays.toString(matrix.shape()));
        }
        if (!Blas.direct(matrix.dataType()) || matrix.stride(0) < 0 || matrix.stride(1) < 0) {
            return matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        int rows = (int) matrix.size(0);
        int columns = (int) matrix.size(1);
        long rowStride = matrix.stride(0);
        long columnStride = matrix.stride(1);
        double[] values = new double[rows * columns];
        if (values.length == 0) {
            return values;
        }
        int span = (int) ((rows - 1) * rowStride + (columns - 1) * columnStride + 1);
        double[] region = new double[span];
        if (matrix.dataType() == DataType.DOUBLE) {
            HeapSlices.read(matrix, 0, region, span);
        } else {
            float[] single = new float[span];
            HeapSlices.read(matrix, 0, single, span);
            for (int k = 0; k < span; k++) {
                region[k] = single[k];
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                values[i * columns + j] = region[(int) (i * rowStride + j * columnStride)];
            }
        }
        return values;
    }

    /** A new c-order {@code rows x columns} array of the given type, in the current workspace, holding the values. */
    static INDArray create(double[] values, int rows, int columns, DataType type) {
        if (!Blas.direct(type)) {
            return Nd4j.createFromArray(values).reshape(rows, columns).castTo(type);
        }
        INDArray matrix = Nd4j.createUninitialized(type, rows, columns);
        if (type == DataType.DOUBLE) {
            HeapSlices.write(values, values.length, matrix, 0);
        } else {
            float[] single = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                single[i] = (float) values[i];
            }
            HeapSlices.write(single, single.length, matrix, 0);
        }
        return matrix;
    }

    /** Writes the values, row-major, into {@code target} (any shape of as many entries, e.g. a gradient view). */
    static void write(double[] values, INDArray target) {
        if (values.length != target.length()) {
            throw new IllegalArgumentException("expected " + target.length() + " values, found " + values.length);
        }
        target.assign(Nd4j.createFromArray(values).reshape(target.shape()));
    }
}
