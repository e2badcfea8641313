package org.dl4jlvm.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns intensities in [0, 1] into binary data for a Bernoulli likelihood. {@code STATIC} draws each pixel
 * once, x ~ Bernoulli(intensity), with a seed (the fixed binarised set of Salakhutdinov and Murray, 2008);
 * {@code DYNAMIC} draws afresh every time a batch is served; {@code THRESHOLD} is x = [intensity > 0.5];
 * {@code NONE} keeps the intensities.
 */
public enum Binarization {
    NONE, STATIC, DYNAMIC, THRESHOLD;

    /** One Bernoulli draw per entry of {@code intensities}, from {@code random}. */
    public static INDArray sample(INDArray intensities, Random random) {
        INDArray uniform = Nd4j.rand(random, intensities.shape()).castTo(intensities.dataType());
        return uniform.lt(intensities).castTo(intensities.dataType());
    }

    /** Applies this binarisation once to a whole data set (DYNAMIC and NONE return the intensities). */
    public INDArray applyOnce(INDArray intensities, long seed) {
        switch (this) {
            case STATIC:
                return sample(intensities, Nd4j.getRandomFactory().getNewRandomInstance(seed));
            case THRESHOLD:
                return intensities.gt(0.5).castTo(intensities.dataType());
            default:
                return intensities;
        }
    }
}
