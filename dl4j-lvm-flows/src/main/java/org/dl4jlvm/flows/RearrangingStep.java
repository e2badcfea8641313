package org.dl4jlvm.flows;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A step that only moves coordinates ({@link Permutation}, {@link Squeeze}): no parameters, and {@code log|det| = 0}
 * both ways. A subclass says where each coordinate goes ({@link #rearrange}) and back ({@link #restore}).
 */
public abstract class RearrangingStep extends SameDiffFlowStep {

    protected RearrangingStep() {
    }

    protected RearrangingStep(Builder<?> builder) {
        super(builder);
    }

    /** Forward (data to latent): x's coordinates, {@code [batch, D]}, in their new places. */
    protected abstract SDVariable rearrange(SameDiff sd, SDVariable x);

    /** Inverse (latent to data): the coordinates of y put back. */
    protected abstract SDVariable restore(SameDiff sd, SDVariable y);

    @Override
    public void defineParameters(SDLayerParams params) {
        // no parameters
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    @Override
    public final SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        return new SDVariable[] {rearrange(sd, x), sd.zerosLike(x).sum(true, 1)};
    }

    @Override
    public final SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        return new SDVariable[] {restore(sd, y), sd.zerosLike(y).sum(true, 1)};
    }

    /** The rearrangement read off {@link #rearrange} applied to the indices 0 to D - 1. */
    @Override
    public HostBijection host() {
        int d = (int) dimension();
        SameDiff sd = SameDiff.create();
        INDArray moved = rearrange(sd, sd.var("indices", Nd4j.arange(d).castTo(DataType.DOUBLE).reshape(1, d))).eval();
        int[] source = new int[d];
        boolean[] seen = new boolean[d];
        for (int j = 0; j < d; j++) {
            source[j] = (int) Math.round(moved.getDouble(0, j));
            if (source[j] < 0 || source[j] >= d || seen[source[j]]) {
                throw new IllegalStateException(describe() + ": rearrange is not a permutation of the coordinates");
            }
            seen[source[j]] = true;
        }
        return new RearrangingHost(source);
    }
}
