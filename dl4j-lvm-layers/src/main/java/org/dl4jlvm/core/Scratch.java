package org.dl4jlvm.core;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Work arrays that a layer's runtime keeps from one iteration to the next, by name, detached from every workspace:
 * ND4J took 44 ms to allocate a fresh 12.8 MB array outside a workspace here, longer than the convolution that filled
 * it. An array comes back with its old contents; one of another type or shape replaces it. Not thread-safe, as the
 * layer that owns it.
 */
final class Scratch {
    private final Map<String, INDArray> arrays = new HashMap<>();
    private final Map<String, Object> heap = new HashMap<>();

    /** The c-ordered array of that name, type and shape. */
    INDArray array(String name, DataType type, long... shape) {
        INDArray array = arrays.get(name);
        if (array == null || array.dataType() != type || !java.util.Arrays.equals(array.shape(), shape)) {
            array = Nd4j.createUninitialized(type, shape, 'c');
            arrays.put(name, array);
        }
        return array;
    }

    /** The heap array of that name: float[] or double[] (for {@code type}) of that length. */
    Object values(String name, DataType type, int length) {
        Object values = heap.get(name);
        boolean fits = type == DataType.DOUBLE ? values instanceof double[] && ((double[]) values).length == length
                : values instanceof float[] && ((float[]) values).length == length;
        if (!fits) {
            values = type == DataType.DOUBLE ? new double[length] : new float[length];
            heap.put(name, values);
        }
        return values;
    }
}
