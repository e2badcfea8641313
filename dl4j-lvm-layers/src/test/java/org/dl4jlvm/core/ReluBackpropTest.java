package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link ReluBackprop}'s Java loops against ND4J's own ReLU backprop: from the pre-activation (written over it) and
 * from the output (into another array), on one thread and on every core, with exact zeros among the values; and the
 * branch-free masks bit for bit against the comparison {@code z > 0 ? epsilon : 0} on every kind of value.
 */
class ReluBackpropTest {
    private static final float[] FLOATS = {0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0x7FFFFFFF), Float.intBitsToFloat(0xFFC00000), 3.5e-39f, -2.25f};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN, Double.longBitsToDouble(0x7FFFFFFFFFFFFFFFL), Double.longBitsToDouble(0xFFF8000000000000L), 3.5e-310,
        -2.25};

    /** Every float and every double value as z, with every value of its list as epsilon; the lists pair by index. */
    @Test
    void masksAreTheComparisonBitForBit() {
        assertEquals(FLOATS.length, DOUBLES.length);
        for (int e = 0; e < FLOATS.length; e++) {
            float[] floats = FLOATS.clone();
            float[] floatGradient = new float[floats.length];
            Arrays.fill(floatGradient, FLOATS[e]);
            ReluBackprop.mask(floats, floatGradient, floats.length);
            double[] doubles = DOUBLES.clone();
            double[] doubleGradient = new double[doubles.length];
            Arrays.fill(doubleGradient, DOUBLES[e]);
            ReluBackprop.mask(doubles, doubleGradient, doubles.length);
            for (int i = 0; i < floats.length; i++) {
                assertEquals(Float.floatToRawIntBits(FLOATS[i] > 0f ? FLOATS[e] : 0f), Float.floatToRawIntBits(floats[i]),
                        "float z = " + FLOATS[i] + ", epsilon = " + FLOATS[e]);
                assertEquals(Double.doubleToRawLongBits(DOUBLES[i] > 0.0 ? DOUBLES[e] : 0.0),
                        Double.doubleToRawLongBits(doubles[i]), "double z = " + DOUBLES[i] + ", epsilon = " + DOUBLES[e]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void javaLoopsEqualNd4jsReluBackprop(DataType type) {
        // 256 x 128 runs on the calling thread, 1024 x 512 on every core
        for (long[] shape : new long[][] {{256, 128}, {1024, 512}}) {
            Nd4j.getRandom().setSeed(shape[0]);
            INDArray z = Nd4j.randn(type, shape);
            z.getRow(3).assign(0.0);
            INDArray epsilon = Nd4j.randn(type, shape);
            INDArray expected = new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst();

            INDArray output = Transforms.relu(z, true);
            INDArray target = Nd4j.createUninitialized(type, shape);
            assertSame(target, ReluBackprop.deltaFromOutput(output, epsilon, target));
            assertEquals(expected, target, "from the output, " + type + " " + shape[0] + " x " + shape[1]);
            assertEquals(Transforms.relu(z, true), output, "the output is left alone");

            INDArray overwritten = z.dup();
            assertSame(overwritten, ReluBackprop.delta(new ActivationReLU(), overwritten, epsilon));
            assertEquals(expected, overwritten, "from the pre-activation, " + type);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void arraysJavaCannotAddressTakeNd4jsOps(DataType type) {
        INDArray z = Nd4j.randn(type, 6, 8);
        INDArray epsilon = Nd4j.randn(type, 8, 6).transpose();
        INDArray expected = new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst();
        INDArray target = Nd4j.createUninitialized(type, 6, 8);
        ReluBackprop.deltaFromOutput(Transforms.relu(z, true), epsilon, target);
        assertEquals(expected, target);
    }
}
