package org.dl4jlvm.likelihood;

import org.dl4jlvm.core.LogScaleBounds;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A location-scale family whose scale is either fixed or learned per example and dimension. With a
 * learned scale the decoder emits {@code [location | logScaleParameter]} (width 2D) and the log-scale
 * parameter is softly bounded by {@link LogScaleBounds}; with a fixed one it emits the location (width D).
 */
public abstract class LocationScaleLikelihood extends Likelihood {
    private static final long serialVersionUID = 1L;

    private boolean learned;

    protected LocationScaleLikelihood(boolean learned) {
        this.learned = learned;
    }

    /** True when the decoder emits a per-dimension log-scale parameter next to the location. */
    public boolean isLearned() {
        return learned;
    }

    public void setLearned(boolean learned) {
        this.learned = learned;
    }

    /** The log-scale parameter (log-variance or log-scale) used when it is not learned. */
    protected abstract double fixedLogParameter();

    /** -log density of one element given residual x - location and the bounded log-scale parameter. */
    protected abstract SDVariable elementNegLogDensity(SameDiff sd, SDVariable residual, SDVariable logParameter);

    /** Multiplier k such that the scale of {@link #standardNoise} is exp(k * logParameter). */
    protected abstract double scaleExponent();

    /** Draws of the family's standard (location 0, log-parameter 0) distribution. */
    protected abstract INDArray standardNoise(Random random, long[] shape);

    @Override
    public long parameterWidth(long dataWidth) {
        return learned ? 2 * dataWidth : dataWidth;
    }

    @Override
    public long dataWidth(long parameterWidth) {
        if (learned && parameterWidth % 2 != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": parameters must be [location | logScale] of even width, found width " + parameterWidth);
        }
        return learned ? parameterWidth / 2 : parameterWidth;
    }

    @Override
    public SDVariable defineNegLogLikelihood(SameDiff sd, SDVariable data, SDVariable parameters) {
        SDVariable location;
        SDVariable logParameter;
        if (learned) {
            long width = dataWidth(parameters.getShape()[1]);
            location = parameters.get(SDIndex.all(), SDIndex.interval(0L, width));
            logParameter = LogScaleBounds.bound(sd, parameters.get(SDIndex.all(), SDIndex.interval(width, 2 * width)));
        } else {
            location = parameters;
            logParameter = sd.constant(fixedLogParameter()).castTo(data.dataType());
        }
        return elementNegLogDensity(sd, data.sub(location), logParameter).sum(1);
    }

    @Override
    public INDArray mean(INDArray parameters) {
        long width = dataWidth(parameters.size(1));
        return parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width)).dup();
    }

    /** The bounded log-scale parameter per element, shape [batch, D]. */
    public INDArray logParameter(INDArray parameters) {
        long width = dataWidth(parameters.size(1));
        if (!learned) {
            return parameters.like().assign(fixedLogParameter());
        }
        return LogScaleBounds.bound(parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(width, 2 * width)));
    }

    @Override
    public INDArray sample(INDArray parameters, Random random) {
        INDArray location = mean(parameters);
        INDArray scale = Transforms.exp(logParameter(parameters).muli(scaleExponent()), false);
        INDArray noise = standardNoise(random, location.shape()).castTo(location.dataType());
        return location.addi(noise.muli(scale));
    }
}
