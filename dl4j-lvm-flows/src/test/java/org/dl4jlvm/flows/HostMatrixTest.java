package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link HostMatrix} round trips for the bulk-copied types and, through ND4J's conversions, for another one. */
class HostMatrixTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF"})
    void readsViewsAndCreatesArrays(DataType type) {
        INDArray whole = Nd4j.arange(0, 24).reshape(4, 6).castTo(type);
        INDArray columns = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        INDArray transposed = whole.dup('f').get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        assertArrayEquals(new double[] {1, 2, 3, 7, 8, 9, 13, 14, 15, 19, 20, 21}, HostMatrix.read(columns), 0.0);
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, HostMatrix.read(transposed), 0.0);

        INDArray created = HostMatrix.create(new double[] {0.5, -1, 2, 4, 8, 16}, 2, 3, type);
        assertEquals(type, created.dataType());
        assertArrayEquals(new long[] {2, 3}, created.shape());
        assertEquals(Nd4j.createFromArray(new double[][] {{0.5, -1, 2}, {4, 8, 16}}).castTo(type), created);
    }

    @Test
    void refusesOtherRanks() {
        assertThrows(IllegalArgumentException.class, () -> HostMatrix.read(Nd4j.zeros(DataType.FLOAT, 2, 2, 2)));
    }
}
