package org.dl4jlvm;

import org.dl4jlvm.data.ImageDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Small synthetic data for tests. */
public final class TestData {
    private TestData() {
    }

    /** n binary rows of width d with structure (two prototypes with flipped bits), seeded. */
    public static INDArray binary(int n, int d, long seed, DataType type) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray prototypes = Nd4j.rand(random, new long[] {2, d}).gt(0.5).castTo(type);
        INDArray x = Nd4j.create(type, n, d);
        for (int i = 0; i < n; i++) {
            x.putRow(i, prototypes.getRow(i % 2));
        }
        INDArray flips = Nd4j.rand(random, new long[] {n, d}).lt(0.1).castTo(type);
        return x.add(flips).sub(x.mul(flips).muli(2));
    }

    /** An iterator over rows of x with dummy labels. */
    public static ImageDataSetIterator iterator(INDArray x, int batch, long seed) {
        return new ImageDataSetIterator(x, new int[(int) x.size(0)], 1, batch, true, false, seed);
    }

    /** Standard normal matrix, seeded. */
    public static INDArray normal(long rows, long cols, long seed, DataType type) {
        return Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), new long[] {rows, cols}).castTo(type);
    }
}
