package org.dl4jlvm.flows;

import org.dl4jlvm.core.Checks;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Activation normalisation (Glow): an affine map with learned {@code bias} and {@code logScale}, per coordinate
 * (both {@code [1, D]}) or, with {@code channels(C)}, per channel of flat NCHW images ({@link ImageShape}; both
 * {@code [1, C]}, shared by the P = D / C pixels of a channel). Forward (data to latent)
 * {@code y = (x + bias) * exp(logScale)}, {@code log|det| = P sum logScale}; inverse (latent to data)
 * {@code x = y * exp(-logScale) - bias}.
 *
 * <p>Data-dependent initialisation: the first training batch that passes through the layer (or
 * {@link Flow#initialize}) sets {@code bias = -mean(x)} and {@code logScale = -log(std(x) + 1e-6)} per
 * coordinate (per channel, over the batch and the pixels), so the output starts with zero mean and unit variance. The layer then records
 * {@link #isInitialized() initialized} in its configuration, which is saved with the model: a loaded model
 * never initialises again.
 *
 * <p>Reference: Kingma and Dhariwal, Glow: Generative Flow with Invertible 1x1 Convolutions, 2018
 * (arXiv:1807.03039), section 3.1.
 */
public class ActNorm extends SameDiffFlowStep {
    public static final String BIAS = "bias";
    public static final String LOG_SCALE = "logScale";
    /** Added to the standard deviation before the logarithm, so a constant coordinate stays finite. */
    static final double EPSILON = 1e-6;

    private boolean initialized;
    private long channels;

    /** For Jackson. */
    public ActNorm() {
    }

    private ActNorm(Builder builder) {
        super(builder);
        this.initialized = builder.initialized;
        this.channels = builder.channels;
    }

    /** The channels whose pixels share parameters; every coordinate is its own channel when 0 (the default). */
    public long getChannels() {
        return channels;
    }

    public void setChannels(long channels) {
        this.channels = channels;
    }

    /** The parameters' layout: C channels of P pixels (C = D, P = 1 per coordinate). */
    ChannelLayout layout() {
        return new ChannelLayout(describe(), channels == 0 ? dimension() : channels, dimension());
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        layout();
    }

    /** True once the data-dependent initialisation has run (or when built with {@code initialized(true)}). */
    public boolean isInitialized() {
        return initialized;
    }

    public void setInitialized(boolean initialized) {
        this.initialized = initialized;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        validateConfiguration();
        long width = layout().channels();
        params.addBiasParam(BIAS, 1, width);
        params.addWeightParam(LOG_SCALE, 1, width);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(BIAS).assign(0);
        params.get(LOG_SCALE).assign(0);
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        ChannelLayout layout = layout();
        SDVariable logScale = layout.expand(sd, params.get(LOG_SCALE));
        SDVariable y = x.add(layout.expand(sd, params.get(BIAS))).mul(sd.math.exp(logScale));
        return new SDVariable[] {y, sd.zerosLike(x).add(logScale).sum(true, 1)};
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        ChannelLayout layout = layout();
        SDVariable logScale = layout.expand(sd, params.get(LOG_SCALE));
        SDVariable x = y.mul(sd.math.exp(logScale.neg())).sub(layout.expand(sd, params.get(BIAS)));
        return new SDVariable[] {x, sd.zerosLike(y).sub(logScale).sum(true, 1)};
    }

    /** The data-dependent initialisation, on the first training batch while the configuration says it has not run. */
    @Override
    protected void prepare(INDArray x, Map<String, INDArray> params, boolean training) {
        if (!training || initialized) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray[] moments = layout().moments(x);
            params.get(BIAS).assign(moments[0].neg());
            params.get(LOG_SCALE).assign(Transforms.log(moments[1].addi(EPSILON), false).negi());
        }
        initialized = true;
    }

    @Override
    public HostBijection host() {
        ChannelLayout layout = layout();
        return new ActNormHost((int) layout.channels(), (int) layout.pixels());
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && initialized == ((ActNorm) o).initialized && channels == ((ActNorm) o).channels;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Boolean.hashCode(initialized)) + Long.hashCode(channels);
    }

    /** Builder: {@code new ActNorm.Builder().dimension(D).build()}. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        private boolean initialized;
        private long channels;

        /** Parameters per channel of flat NCHW images with C channels (C must divide D); default per coordinate. */
        public Builder channels(int channels) {
            this.channels = Checks.atLeastOne("channels", channels);
            return this;
        }

        /** Mark the layer as initialised, so that it keeps its initial identity parameters (default false). */
        public Builder initialized(boolean initialized) {
            this.initialized = initialized;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ActNorm build() {
            return new ActNorm(this);
        }
    }
}
