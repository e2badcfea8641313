package org.dl4jlvm.core;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Work arrays that a layer's runtime keeps from one iteration to the next, by name, detached from every workspace:
 * ND4J took 44 ms to allocate a fresh 12.8 MB array outside a workspace here, longer than the convolution that filled
 * it. An array comes back with old contents. Not thread-safe, as the layer that owns it.
 */
final class Scratch {
    private final Map<String, INDArray> arrays = new HashMap<>();

    /**
     * A c-ordered array of that name, type and shape: a view of the first entries of a buffer that grows to the largest
     * size asked for, so that batches of alternating sizes (the last of an epoch, the chunks of a bound) reuse it.
     */
    INDArray array(String name, DataType type, long... shape) {
        long length = 1;
        for (long size : shape) {
            length *= size;
        }
        INDArray buffer = arrays.get(name);
        if (buffer == null || buffer.dataType() != type || buffer.length() < length) {
            buffer = Nd4j.createUninitialized(type, new long[] {length}, 'c');
            arrays.put(name, buffer);
        }
        return (buffer.length() == length ? buffer : buffer.get(NDArrayIndex.interval(0, length))).reshape('c', shape);
    }
}
