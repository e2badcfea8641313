package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The two runtimes of the affine coupling's elementwise part give the same values, forward and backward. The gradient
 * checks exercise the Java-loop runtime (their batches are small); this holds the ND4J runtime, which trains the large
 * flows, to it. Values of {@code raw} run past the soft clamp's bound, and the input is a view with a stride, as a
 * flow's carried log-det column makes it.
 */
class AffineArithmeticTest {
    private static final int[] MASK = {1, 0, 0, 1, 0};
    private static final double BOUND = 2.0;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hostAndArrayRuntimesAgree(boolean carried) {
        Nd4j.getRandom().setSeed(11);
        int rows = 6;
        int d = MASK.length;
        INDArray wide = Nd4j.randn(DataType.DOUBLE, rows, d + 3);
        INDArray input = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, carried ? d + 2 : d + 1));
        INDArray h = Nd4j.randn(DataType.DOUBLE, rows, 2 * d).muli(4);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, rows, d + 1);
        INDArray maskedGradient = Nd4j.randn(DataType.DOUBLE, rows, d);

        boolean[] kept = new boolean[d];
        for (int j = 0; j < d; j++) {
            kept[j] = MASK[j] == 1;
        }
        INDArray keep = Nd4j.createFromArray(MASK).castTo(DataType.DOUBLE).reshape(1, d);
        AffineArithmetic[] runtimes = {new HostAffineArithmetic(kept, BOUND, carried),
            new ArrayAffineArithmetic(keep, BOUND, carried)};
        INDArray[][] results = new INDArray[2][];
        for (int r = 0; r < 2; r++) {
            AffineArithmetic runtime = runtimes[r];
            INDArray masked = runtime.maskedInput(input);
            INDArray output = runtime.output(input, h);
            INDArray conditionerGradient = runtime.conditionerGradient(epsilon);
            // the ND4J runtime may write into the masked gradient; each gets its own copy
            INDArray inputGradient = runtime.inputGradient(epsilon, maskedGradient.dup());
            results[r] = new INDArray[] {masked, output, conditionerGradient, inputGradient};
        }
        String[] names = {"masked input", "output", "conditioner gradient", "input gradient"};
        for (int k = 0; k < names.length; k++) {
            assertArrayEquals(results[1][k].shape(), results[0][k].shape(), names[k]);
            assertEquals(0.0, results[1][k].sub(results[0][k]).amaxNumber().doubleValue(), 1e-12, names[k]);
        }
        // the kept coordinates pass through, and a clamped log-scale stays inside the bound
        INDArray logDet = results[0][1].getColumn(d);
        INDArray expectedBefore = carried ? input.getColumn(d) : Nd4j.zeros(DataType.DOUBLE, rows);
        assertEquals(0.0, results[0][1].getColumn(0).sub(input.getColumn(0)).amaxNumber().doubleValue(), 0.0);
        assertTrue(logDet.sub(expectedBefore).amaxNumber().doubleValue() < 3 * BOUND, "log-det within 3 B");
    }
}
