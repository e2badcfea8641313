package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link IndexMap}'s gather and scatter against their definitions written as plain loops: entry {@code j} of a target
 * item reads entry {@code offsets[j]} of its source item; the scatter adds it back, from zero or from a start item.
 */
class IndexMapTest {
    private static final int ITEMS = 3;
    // 2 channels of 5 x 4, kernel 3, stride 2, padding 1: 3 x 2 outputs, some patch entries in the padding
    private final IndexMap patches = IndexMap.patches(2, 5, 4, 3, 3, 2, 2, 1, 1, 3, 2);

    @Test
    void gatherReadsTheSourceEntryOfEachOffsetIntoAnyTarget() {
        INDArray source = Nd4j.rand(DataType.DOUBLE, ITEMS, patches.sourceSize);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, ITEMS, patches.targetSize());
        for (int item = 0; item < ITEMS; item++) {
            for (int j = 0; j < patches.targetSize(); j++) {
                int offset = offset(j);
                expected.putScalar(item, j, offset < 0 ? 0.0 : source.getDouble(item, offset));
            }
        }
        assertEquals(expected, patches.gather(source, Nd4j.createUninitialized(DataType.DOUBLE, ITEMS,
                patches.targetSize()), ITEMS));
        INDArray fortranOrder = Nd4j.create(DataType.DOUBLE, new long[] {ITEMS, patches.targetSize()}, 'f');
        assertTrue(patches.gather(source, fortranOrder, ITEMS) == fortranOrder, "written into the target given");
        assertEquals(expected, fortranOrder);
        INDArray start = Nd4j.rand(DataType.DOUBLE, 1, patches.targetSize());
        assertTrue(expected.addRowVector(start).equalsWithEps(patches.gather(source, Nd4j.createUninitialized(
                DataType.DOUBLE, ITEMS, patches.targetSize()), ITEMS, start), 1e-12), "gather plus the start item");
    }

    @Test
    void scatterAddsEachTargetEntryIntoItsSourceEntryFromTheStart() {
        INDArray source = Nd4j.rand(DataType.FLOAT, ITEMS, patches.targetSize());
        INDArray start = Nd4j.rand(DataType.FLOAT, 1, patches.sourceSize);
        INDArray expected = Nd4j.zeros(DataType.FLOAT, ITEMS, patches.sourceSize).addiRowVector(start);
        for (int item = 0; item < ITEMS; item++) {
            for (int j = 0; j < patches.targetSize(); j++) {
                int offset = offset(j);
                if (offset >= 0) {
                    expected.putScalar(item, offset, expected.getDouble(item, offset) + source.getDouble(item, j));
                }
            }
        }
        INDArray fromStart = patches.scatter(source, Nd4j.createUninitialized(DataType.FLOAT, ITEMS, patches.sourceSize),
                ITEMS, start);
        assertTrue(expected.equalsWithEps(fromStart, 1e-5), "scatter from the start item");
        INDArray fromZero = patches.scatter(source, Nd4j.createUninitialized(DataType.FLOAT, ITEMS, patches.sourceSize),
                ITEMS);
        assertTrue(expected.subRowVector(start).equalsWithEps(fromZero, 1e-5), "scatter from zero");
    }

    @Test
    void aStartOfTheWrongSizeIsRefused() {
        INDArray source = Nd4j.rand(DataType.FLOAT, ITEMS, patches.targetSize());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> patches.scatter(source,
                Nd4j.createUninitialized(DataType.FLOAT, ITEMS, patches.sourceSize), ITEMS, Nd4j.ones(DataType.FLOAT, 7)));
        assertTrue(error.getMessage().contains("start") && error.getMessage().contains("40")
                && error.getMessage().contains("7"), error.getMessage());
    }

    /** The definition of the patches' offsets: entry (oy, ox; c, ky, kx) reads (c, 2 oy - 1 + ky, 2 ox - 1 + kx). */
    private static int offset(int j) {
        int kx = j % 3;
        int ky = j / 3 % 3;
        int c = j / 9 % 2;
        int ox = j / 18 % 2;
        int oy = j / 36;
        int iy = 2 * oy - 1 + ky;
        int ix = 2 * ox - 1 + kx;
        return iy < 0 || iy >= 5 || ix < 0 || ix >= 4 ? -1 : (c * 5 + iy) * 4 + ix;
    }
}
