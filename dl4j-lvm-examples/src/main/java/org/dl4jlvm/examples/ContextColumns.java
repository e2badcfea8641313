package org.dl4jlvm.examples;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Splits a table into the modelled columns and the context columns of a conditional flow. */
final class ContextColumns {
    private ContextColumns() {
    }

    /**
     * {x, context}: the columns not listed, and the listed ones (0-based) in the order given; context is null when
     * {@code columns} is null.
     */
    static INDArray[] split(INDArray table, int[] columns) {
        if (columns == null) {
            return new INDArray[] {table, null};
        }
        int width = (int) table.size(1);
        boolean[] context = new boolean[width];
        for (int column : columns) {
            if (column < 0 || column >= width) {
                throw new IllegalArgumentException("--context-columns: expected 0-based columns in [0, " + width + "), found "
                        + column);
            }
            if (context[column]) {
                throw new IllegalArgumentException("--context-columns: expected each column once, found " + column
                        + " twice in " + Arrays.toString(columns));
            }
            context[column] = true;
        }
        int[] modelled = new int[width - columns.length];
        int at = 0;
        for (int j = 0; j < width; j++) {
            if (!context[j]) {
                modelled[at++] = j;
            }
        }
        if (modelled.length < 2) {
            throw new IllegalArgumentException("--context-columns: a flow needs at least 2 modelled columns, found "
                    + modelled.length + " of " + width + " left");
        }
        return new INDArray[] {table.getColumns(modelled).dup(), table.getColumns(columns).dup()};
    }

    /** The first two columns: the points of a sample with components. */
    static INDArray points(INDArray withComponents) {
        return withComponents.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
    }

    /** The third column's components as one-hot rows of width {@code components}. */
    static INDArray oneHotComponents(INDArray withComponents, int components) {
        INDArray oneHot = Nd4j.zeros(withComponents.dataType(), withComponents.size(0), components);
        for (long i = 0; i < withComponents.size(0); i++) {
            oneHot.putScalar(i, (long) withComponents.getDouble(i, 2), 1.0);
        }
        return oneHot;
    }
}
