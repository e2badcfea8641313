package org.dl4jlvm.vae;

import org.dl4jlvm.core.LogScaleBounds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The reparameterisation {@code z = mean + std * noise}, {@code std = exp(bound(logVariance) / 2)}, on arrays. */
public final class Reparameterization {
    private Reparameterization() {
    }

    /** {@code exp(bound(logVariance) / 2)}, a new array. */
    public static INDArray standardDeviation(INDArray logVariance) {
        return Transforms.exp(LogScaleBounds.bound(logVariance).muli(0.5), false);
    }

    /** {@code mean + std * noise} written into {@code target} (which may be a fresh array of the right shape). */
    public static INDArray draw(INDArray mean, INDArray std, INDArray noise, INDArray target) {
        return target.assign(noise).muli(std).addi(mean);
    }
}
