package org.dl4jlvm.core;

import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between the buffer of a c-ordered host array without offset (float or double) and Java arrays of the
 * same type (float[] or double[]), so that loops over the entries run on Java arrays, which the JIT compiles to plain
 * loads and stores, rather than entry by entry on ND4J's buffers. The caller checks that the array is such a host
 * array ({@link Blas#direct}) and that the entries asked for lie inside it: the copies do not. The array stays
 * reachable until its copy ends: ND4J frees a detached array's memory once the array is collected, and a caller that
 * never uses the array again would otherwise let that happen during the copy.
 */
public final class HeapSlices {
    private HeapSlices() {
    }

    /** Copies {@code length} entries of {@code array}, from {@code first} on, into {@code values}. */
    public static void read(INDArray array, long first, Object values, int length) {
        if (values instanceof double[]) {
            new DoublePointer(array.data().addressPointer()).position(first).get((double[]) values, 0, length);
        } else {
            new FloatPointer(array.data().addressPointer()).position(first).get((float[]) values, 0, length);
        }
        Reference.reachabilityFence(array);
    }

    /** Copies the first {@code length} of {@code values} into {@code array}, from {@code first} on. */
    public static void write(Object values, int length, INDArray array, long first) {
        if (values instanceof double[]) {
            new DoublePointer(array.data().addressPointer()).position(first).put((double[]) values, 0, length);
        } else {
            new FloatPointer(array.data().addressPointer()).position(first).put((float[]) values, 0, length);
        }
        Reference.reachabilityFence(array);
    }
}
