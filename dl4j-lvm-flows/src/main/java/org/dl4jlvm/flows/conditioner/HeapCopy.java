package org.dl4jlvm.flows.conditioner;

import org.dl4jlvm.core.HeapSlices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float and a double array on the Java heap, kept between calls and made again only when the length asked for
 * changes, with bulk copies from whole nd4j-native double buffers into the double one.
 */
final class HeapCopy {
    private float[] floats = new float[0];
    private double[] doubles = new double[0];

    float[] floats(long length) {
        if (floats.length != length) {
            floats = new float[Math.toIntExact(length)];
        }
        return floats;
    }

    double[] doubles(long length) {
        if (doubles.length != length) {
            doubles = new double[Math.toIntExact(length)];
        }
        return doubles;
    }

    /** The values of a whole double buffer of nd4j-native, in c order, in this copy's double array. */
    double[] readDoubles(INDArray buffer) {
        double[] values = doubles(buffer.length());
        HeapSlices.read(buffer, 0, values, values.length);
        return values;
    }

    /** Any array's values in c order, as a new double array (through ND4J's conversions). */
    static double[] doubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
