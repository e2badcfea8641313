package org.dl4jlvm.flows.conditioner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.DirectCalls;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java loops of {@link ShiftedBlocks} against its ND4J ops on shifted views (the direct paths off), in float and
 * double, for both signs of the shifts and a 3 x 3 and 5 x 5 kernel: the same values, and the target's margin rows
 * as they were.
 */
class ShiftedBlocksTest {
    private static final PaddedRows LAYOUT = new PaddedRows(4, 3, 2);
    private static final int EXAMPLES = 3;

    @TestFactory
    List<DynamicTest> loopsAreTheViewOps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int kernel : new int[] {3, 5}) {
                for (int sign : new int[] {1, -1}) {
                    String name = type + ", kernel " + kernel + ", sign " + sign;
                    tests.add(DynamicTest.dynamicTest("gather, " + name, () -> assertSame(type, kernel, sign, true)));
                    tests.add(DynamicTest.dynamicTest("sum, " + name, () -> assertSame(type, kernel, sign, false)));
                }
            }
        }
        return tests;
    }

    private static void assertSame(DataType type, int kernel, int sign, boolean gather) {
        int narrow = 2;
        int wide = kernel * kernel * narrow;
        INDArray source = randomBuffer(type, gather ? narrow : wide, 11);
        INDArray loops = marked(type, gather ? wide : narrow);
        INDArray views = loops.dup();
        apply(new ShiftedBlocks(LAYOUT, kernel), gather, source, sign, loops);
        DirectCalls.withoutDirectCalls(() -> {
            apply(new ShiftedBlocks(LAYOUT, kernel), gather, source, sign, views);
            return null;
        });
        double scale = type == DataType.FLOAT ? 1e-6 : 1e-15;
        assertEquals(0.0, loops.sub(views).amaxNumber().doubleValue(), scale * views.amaxNumber().doubleValue());
        long margin = LAYOUT.margin;
        long rows = loops.size(0);
        for (long row : new long[] {0, margin - 1, rows - margin, rows - 1}) {
            assertEquals(7.0, loops.getDouble(row, 0), "margin row " + row + " is left as it was");
        }
        // the loops write every row between the margins: the target's marks there are gone
        assertEquals(0L, LAYOUT.images(loops).eq(7.0).castTo(DataType.INT).sumNumber().longValue());
    }

    private static void apply(ShiftedBlocks blocks, boolean gather, INDArray source, int sign, INDArray target) {
        if (gather) {
            blocks.gather(source, sign, target);
        } else {
            blocks.sum(source, sign, target);
        }
    }

    /** A padded-rows buffer of random values between its zero margins (borders included: any values are valid). */
    private static INDArray randomBuffer(DataType type, int channels, long seed) {
        INDArray buffer = LAYOUT.allocate(type, EXAMPLES, channels);
        LAYOUT.images(buffer).assign(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed),
                LAYOUT.images(buffer).shape()).castTo(type).subi(0.5));
        return buffer;
    }

    /** A target buffer holding 7 everywhere, so that what is left unwritten shows. */
    private static INDArray marked(DataType type, int channels) {
        return LAYOUT.allocate(type, EXAMPLES, channels).assign(7.0);
    }
}
