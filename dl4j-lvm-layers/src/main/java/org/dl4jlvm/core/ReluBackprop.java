package org.dl4jlvm.core;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's activation backprop {@code dL/dz = dL/da f'(z)}: for the plain ReLU, {@code dL/dz = dL/da [z > 0]} in Java
 * (on every core for large arrays), written over {@code z} or, from the output, into a given array; for any other
 * activation, or arrays Java cannot address, the activation's own ND4J code or ND4J's step op, the reference. Why:
 * ND4J's ReLU derivative op took 7% of a convolutional VAE's training step on one thread, as long as the Java loop
 * over both cores takes for all its layers.
 */
final class ReluBackprop {
    /** Entries copied to the Java heap at a time. */
    private static final int BLOCK = 4096;
    /** Entries from which the loop runs on every core. */
    private static final long PARALLEL_FROM = 1 << 18;

    private ReluBackprop() {
    }

    /** {@code dL/dz} from the pre-activation {@code z} (overwritten when the Java loop serves) and {@code dL/da}. */
    static INDArray delta(IActivation activation, INDArray z, INDArray epsilon) {
        if (!plainRelu(activation) || !javaServes(z, epsilon, z)) {
            return activation.backprop(z, epsilon).getFirst();
        }
        return mask(z, epsilon, z);
    }

    /**
     * {@code dL/dz = dL/da [a > 0]} of the plain ReLU from its output {@code a} (positive where z is), written into
     * {@code target}; by ND4J's step and product ops where the Java loop cannot serve. Returns {@code target}.
     */
    static INDArray deltaFromOutput(INDArray output, INDArray epsilon, INDArray target) {
        if (!javaServes(output, epsilon, target)) {
            Nd4j.exec(new Step(output, target, 0.0));
            return target.muli(epsilon);
        }
        return mask(output, epsilon, target);
    }

    private static boolean javaServes(INDArray signs, INDArray epsilon, INDArray target) {
        DataType type = signs.dataType();
        return Blas.direct(type) && epsilon.dataType() == type && target.dataType() == type && IndexMap.plain(signs)
                && IndexMap.plain(epsilon) && IndexMap.plain(target) && signs.length() == epsilon.length()
                && signs.length() == target.length();
    }

    /**
     * {@code target = epsilon [signs > 0]} in Java, on every core from {@value #PARALLEL_FROM} entries (below, waking
     * a second thread costs more than it saves).
     */
    private static INDArray mask(INDArray signs, INDArray epsilon, INDArray target) {
        boolean doubles = signs.dataType() == DataType.DOUBLE;
        long length = signs.length();
        CoreRanges.run(length, length < PARALLEL_FROM ? 1 : CoreRanges.cores(), (part, first, end) -> {
            Object values = doubles ? new double[BLOCK] : new float[BLOCK];
            Object gradient = doubles ? new double[BLOCK] : new float[BLOCK];
            for (long start = first; start < end; start += BLOCK) {
                int size = (int) Math.min(BLOCK, end - start);
                HeapSlices.read(signs, start, values, size);
                HeapSlices.read(epsilon, start, gradient, size);
                if (doubles) {
                    mask((double[]) values, (double[]) gradient, size);
                } else {
                    mask((float[]) values, (float[]) gradient, size);
                }
                HeapSlices.write(values, size, target, start);
            }
        });
        return target;
    }

    /** ReLU without threshold, slope or maximum, the one {@code Activation.RELU} gives. */
    static boolean plainRelu(IActivation activation) {
        if (!(activation instanceof ActivationReLU)) {
            return false;
        }
        ActivationReLU relu = (ActivationReLU) activation;
        return relu.getMax() == null && relu.getNegativeSlope() == null
                && (relu.getThreshold() == null || relu.getThreshold() == 0.0);
    }

    /**
     * {@code z[i] = z[i] > 0 ? epsilon[i] : +0} without a branch: the ReLU's signs are as good as random, so a branch
     * is mispredicted about half the time (7.5 to 9.6 against 1.8 to 2.3 ns an entry, copies included). Entry i keeps
     * epsilon's bits where z's bits, read as an int, lie in {@code [1, 0x7F800000]} (positive, up to +infinity; not
     * +0, negative values, -0 or NaN), and becomes +0 otherwise: the same result, bit for bit, as the comparison.
     */
    static void mask(float[] z, float[] epsilon, int size) {
        for (int i = 0; i < size; i++) {
            int bits = Float.floatToRawIntBits(z[i]);
            int keep = (-bits >> 31) & ((bits - 0x7F800001) >> 31);
            z[i] = Float.intBitsToFloat(Float.floatToRawIntBits(epsilon[i]) & keep);
        }
    }

    /** {@link #mask(float[], float[], int)} for doubles: z's bits, as a long, in {@code [1, 0x7FF0000000000000]}. */
    static void mask(double[] z, double[] epsilon, int size) {
        for (int i = 0; i < size; i++) {
            long bits = Double.doubleToRawLongBits(z[i]);
            long keep = (-bits >> 63) & ((bits - 0x7FF0000000000001L) >> 63);
            z[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(epsilon[i]) & keep);
        }
    }
}
