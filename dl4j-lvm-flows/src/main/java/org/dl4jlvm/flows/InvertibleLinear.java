package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An invertible linear map {@code W} of {@code R^D} parameterised by an LU decomposition (Glow's invertible
 * 1x1 convolution, for vectors): {@code W = P L (U + diag(exp(logScale)))} with {@code P} a fixed
 * permutation (part of the configuration), {@code L} unit lower triangular and {@code U} strictly upper
 * triangular (parameters {@code lower} and {@code upper}, of which only the strict triangles are used) and
 * {@code logScale} ({@code [1, D]}). Forward (data to latent) {@code y = W x},
 * {@code log|det W| = sum logScale}, in O(D^2) per example; inverse (latent to data)
 * {@code x = W^-1 y}, {@code log|det| = -sum logScale}.
 *
 * <p>With {@code channels(C)} it is the 1x1 convolution itself: on flat NCHW images ({@link ImageShape}), {@code W} is
 * {@code C x C} and maps the channels of every pixel alike, so {@code log|det| = P sum logScale} for the P = D / C
 * pixels, in O(C^2) per pixel.
 *
 * <p>It starts as {@code W = P}: a random permutation drawn with the seed, an orthogonal matrix, with
 * {@code L = I}, {@code U = 0}, {@code logScale = 0}.
 *
 * <p>Reference: Kingma and Dhariwal, Glow: Generative Flow with Invertible 1x1 Convolutions, 2018
 * (arXiv:1807.03039), section 3.2 (LU-decomposed parameterisation).
 */
public class InvertibleLinear extends SameDiffFlowStep {
    public static final String LOWER = "lower";
    public static final String UPPER = "upper";
    public static final String LOG_SCALE = "logScale";

    private int[] rowOrder;
    private long channels;

    /** For Jackson. */
    public InvertibleLinear() {
    }

    private InvertibleLinear(Builder builder) {
        super(builder);
        LogDetColumn.checkDimension("InvertibleLinear", builder.dimension(), 1);
        this.channels = builder.channels;
        int width = (int) layout().channels();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(builder.seed));
        this.rowOrder = order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The channels whose pixels share W; every coordinate is its own channel when 0 (the default). */
    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    private ChannelLayout layout() {
        return new ChannelLayout(describe(), channels == 0 ? dimension() : channels, dimension());
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        long width = layout().channels();
        if (rowOrder == null || rowOrder.length != width) {
            throw new IllegalArgumentException(describe() + " rowOrder: expected a permutation of length " + width
                    + ", found " + (rowOrder == null ? "none" : "length " + rowOrder.length));
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        validateConfiguration();
        long width = layout().channels();
        params.addWeightParam(LOWER, width, width);
        params.addWeightParam(UPPER, width, width);
        params.addWeightParam(LOG_SCALE, 1, width);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(LOWER).assign(0);
        params.get(UPPER).assign(0);
        params.get(LOG_SCALE).assign(0);
    }

    /** {L, U + diag(exp(logScale))} from the parameters, using only the strict triangles. */
    private SDVariable[] factors(SameDiff sd, SDVariable like, Map<String, SDVariable> params) {
        long d = layout().channels();
        INDArray strictlyLower = Nd4j.ones(like.dataType(), d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                strictlyLower.putScalar(i, j, 0);
            }
        }
        SDVariable eye = sd.constant(Nd4j.eye(d).castTo(like.dataType()));
        SDVariable lower = params.get(LOWER).mul(sd.constant(strictlyLower)).add(eye);
        SDVariable upper = params.get(UPPER).mul(sd.constant(strictlyLower.transpose().dup()))
                .add(eye.mul(sd.math.exp(params.get(LOG_SCALE))));
        return new SDVariable[] {lower, upper};
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        ChannelLayout layout = layout();
        SDVariable[] lu = factors(sd, x, params);
        SDVariable ux = sd.mmul(layout.toPixelRows(x), lu[1], false, true, false);
        SDVariable lux = sd.mmul(ux, lu[0], false, true, false);
        SDVariable y = layout.fromPixelRows(Columns.select(sd, lux, rowOrder, layout.channels()));
        return new SDVariable[] {y, logDet(sd, x, params.get(LOG_SCALE), layout)};
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        SDVariable[] lu = factors(sd, y, params);
        int[] inverseOrder = new int[rowOrder.length];
        for (int i = 0; i < rowOrder.length; i++) {
            inverseOrder[rowOrder[i]] = i;
        }
        ChannelLayout layout = layout();
        SDVariable lux = Columns.select(sd, layout.toPixelRows(y), inverseOrder, layout.channels());
        SDVariable ux = sd.mmul(lux, sd.linalg.matrixInverse(lu[0]), false, true, false);
        SDVariable x = sd.mmul(ux, sd.linalg.matrixInverse(lu[1]), false, true, false);
        return new SDVariable[] {layout.fromPixelRows(x), logDet(sd, y, params.get(LOG_SCALE).neg(), layout)};
    }

    /** {@code P sum logScale} for every row of {@code values}. */
    private static SDVariable logDet(SameDiff sd, SDVariable values, SDVariable logScale, ChannelLayout layout) {
        return sd.zerosLike(values).sum(true, 1).add(logScale.sum(true, 1).mul(layout.pixels()));
    }

    @Override
    public HostBijection host() {
        ChannelLayout layout = layout();
        return new InvertibleLinearHost((int) layout.channels(), (int) layout.pixels(), rowOrder);
    }

    /** The fixed permutation P: output channel i is channel {@code rowOrder[i]} of {@code L U x}. */
    public int[] getRowOrder() {
        return rowOrder == null ? null : rowOrder.clone();
    }

    public void setRowOrder(int[] rowOrder) {
        this.rowOrder = rowOrder == null ? null : rowOrder.clone();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(rowOrder, ((InvertibleLinear) o).rowOrder)
                && channels == ((InvertibleLinear) o).channels;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Arrays.hashCode(rowOrder)) + Long.hashCode(channels);
    }

    /** Builder: {@code new InvertibleLinear.Builder().dimension(D).seed(1).build()}. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        private long seed;
        private long channels;

        /** Glow's 1x1 convolution: one C x C map for every pixel of flat NCHW images with C channels (C divides D). */
        public Builder channels(int channels) {
            this.channels = Checks.atLeastOne("channels", channels);
            return this;
        }

        /** Seed of the fixed permutation P (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InvertibleLinear build() {
            return new InvertibleLinear(this);
        }
    }
}
