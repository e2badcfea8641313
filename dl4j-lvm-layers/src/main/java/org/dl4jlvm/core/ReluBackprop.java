package org.dl4jlvm.core;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's activation backprop {@code dL/dz = dL/da f'(z)}: for the plain ReLU, {@code dL/dz = dL/da [z > 0]} in Java
 * on every core, written over {@code z}; for any other activation, or arrays Java cannot address, the activation's
 * own ND4J code, the reference. Why: ND4J's ReLU derivative op took 7% of a convolutional VAE's training step on one
 * thread, as long as the Java loop over both cores takes for all its layers.
 */
final class ReluBackprop {
    /** Entries copied to the Java heap at a time. */
    private static final int BLOCK = 4096;

    private ReluBackprop() {
    }

    /** {@code dL/dz} from the pre-activation {@code z} (overwritten when the Java loop serves) and {@code dL/da}. */
    static INDArray delta(IActivation activation, INDArray z, INDArray epsilon) {
        DataType type = z.dataType();
        if (!plainRelu(activation) || !Blas.direct(type) || epsilon.dataType() != type || !IndexMap.plain(z)
                || !IndexMap.plain(epsilon) || z.length() != epsilon.length()) {
            return activation.backprop(z, epsilon).getFirst();
        }
        boolean doubles = type == DataType.DOUBLE;
        int length = (int) z.length();
        CoreRanges.run(length, Math.max(1, Math.min(CoreRanges.cores(), length / BLOCK)), (part, first, end) -> {
            Object values = doubles ? new double[BLOCK] : new float[BLOCK];
            Object gradient = doubles ? new double[BLOCK] : new float[BLOCK];
            for (long start = first; start < end; start += BLOCK) {
                int size = (int) Math.min(BLOCK, end - start);
                HeapSlices.read(z, start, values, size);
                HeapSlices.read(epsilon, start, gradient, size);
                if (doubles) {
                    mask((double[]) values, (double[]) gradient, size);
                } else {
                    mask((float[]) values, (float[]) gradient, size);
                }
                HeapSlices.write(values, size, z, start);
            }
        });
        return z;
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

    private static void mask(float[] z, float[] epsilon, int size) {
        for (int i = 0; i < size; i++) {
            z[i] = z[i] > 0f ? epsilon[i] : 0f;
        }
    }

    private static void mask(double[] z, double[] epsilon, int size) {
        for (int i = 0; i < size; i++) {
            z[i] = z[i] > 0.0 ? epsilon[i] : 0.0;
        }
    }
}
