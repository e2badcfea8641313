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
 * {@link Neighbours}' gather and sum against their definitions written out pixel by pixel (a neighbour outside the
 * image reads as zero), in float and double, with the bulk copies and without (the direct paths off), for both signs
 * of the shifts and a 3 x 3 and a 5 x 5 kernel on 4 x 3 images, smaller than the 5 x 5 kernel's reach; with the bulk
 * copies also on a wider batch (3 images of 700 channels).
 */
class NeighboursTest {
    private static final int HEIGHT = 4;
    private static final int WIDTH = 3;
    /** Images and channels of each batch: the float paths copy image by image, so both have more than one. */
    private static final int[][] BATCHES = {{2, 2}, {3, 700}};

    @TestFactory
    List<DynamicTest> gatherAndSumAreTheirDefinitions() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean direct : new boolean[] {true, false}) {
                for (int kernel : new int[] {3, 5}) {
                    for (int sign : new int[] {1, -1}) {
                        for (int[] batch : BATCHES) {
                            if (!direct && batch != BATCHES[0]) {
                                continue;
                            }
                            String name = type + (direct ? "" : ", direct paths off") + ", kernel " + kernel + ", sign "
                                    + sign + ", " + batch[0] + " images of " + batch[1] + " channels";
                            tests.add(DynamicTest.dynamicTest("gather, " + name,
                                    () -> check(type, direct, kernel, sign, true, batch[0], batch[1])));
                            tests.add(DynamicTest.dynamicTest("sum, " + name,
                                    () -> check(type, direct, kernel, sign, false, batch[0], batch[1])));
                        }
                    }
                }
            }
        }
        return tests;
    }

    private static void check(DataType type, boolean direct, int kernel, int sign, boolean gather, int images,
            int channels) {
        int positions = kernel * kernel;
        int rows = images * HEIGHT * WIDTH;
        INDArray source = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5 + kernel),
                rows, gather ? channels : positions * channels).castTo(type).subi(0.5);
        // 7 everywhere: the operations must write every entry of the target
        INDArray target = Nd4j.zeros(type, rows, gather ? positions * channels : channels).assign(7.0);
        Neighbours neighbours = new Neighbours(new PixelRows(HEIGHT, WIDTH), kernel);
        Runnable operation = gather ? () -> neighbours.gather(source, sign, target) : () -> neighbours.sum(source, sign, target);
        if (direct) {
            operation.run();
        } else {
            DirectCalls.withoutDirectCalls(() -> {
                operation.run();
                return null;
            });
        }
        INDArray expected = definition(source.castTo(DataType.DOUBLE), kernel, sign, gather, images, channels);
        double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-15;
        assertEquals(0.0, target.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue(), tolerance);
    }

    /** The gather or the sum at shifts sign (ky - p, kx - p), pixel by pixel. */
    private static INDArray definition(INDArray source, int kernel, int sign, boolean gather, int images,
            int channels) {
        int p = (kernel - 1) / 2;
        int positions = kernel * kernel;
        INDArray result = Nd4j.zeros(DataType.DOUBLE, source.size(0), gather ? positions * channels : channels);
        for (int image = 0; image < images; image++) {
            for (int i = 0; i < HEIGHT; i++) {
                for (int j = 0; j < WIDTH; j++) {
                    int row = (image * HEIGHT + i) * WIDTH + j;
                    for (int b = 0; b < positions; b++) {
                        int y = i + sign * (b / kernel - p);
                        int x = j + sign * (b % kernel - p);
                        if (y < 0 || y >= HEIGHT || x < 0 || x >= WIDTH) {
                            continue;
                        }
                        int neighbour = (image * HEIGHT + y) * WIDTH + x;
                        for (int c = 0; c < channels; c++) {
                            if (gather) {
                                result.putScalar(row, b * channels + c, source.getDouble(neighbour, c));
                            } else {
                                result.putScalar(row, c, result.getDouble(row, c) + source.getDouble(neighbour, b * channels + c));
                            }
                        }
                    }
                }
            }
        }
        return result;
    }
}
