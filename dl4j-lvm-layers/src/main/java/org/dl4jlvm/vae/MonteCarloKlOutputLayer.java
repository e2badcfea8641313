package org.dl4jlvm.vae;

import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.DirectScore;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The KL head of a VAE whose posterior has no closed-form KL, a flow posterior (Rezende and Mohamed 2015,
 * arXiv:1505.05770; Kingma et al. 2016, arXiv:1606.04934): a one-sample Monte Carlo estimate at the drawn code,
 * {@code KL ~ log q(z_K | x) - log p(z_K) = -c + 0.5 * sum_q z_q^2 + (Q / 2) log(2 pi)}, where the input is the last
 * flow step's activations {@code [z_K | context | c]} (context width C, possibly 0) and
 * {@code c = -log q(z_0 | x) + sum_k log|det dz_k / dz_(k-1)| = -log q(z_K | x)} is the log-det column that
 * {@link GaussianSamplingLayer} with {@code logDensity(true)} starts. Times beta, as {@link KlRegularizerOutputLayer}.
 */
public class MonteCarloKlOutputLayer extends KlRegularizerOutputLayer {
    private long latentWidth;
    private long contextWidth;

    /** For Jackson. */
    public MonteCarloKlOutputLayer() {
        super(new FixedSchedule(1.0));
    }

    /** A head for latent width Q and context width C, beta following the schedule. */
    public MonteCarloKlOutputLayer(ISchedule betaSchedule, long latentWidth, long contextWidth) {
        super(betaSchedule);
        this.latentWidth = Checks.atLeastOne("latentWidth", (int) latentWidth);
        this.contextWidth = (long) Checks.nonNegative("contextWidth", contextWidth);
    }

    public long getLatentWidth() {
        return latentWidth;
    }

    public void setLatentWidth(long latentWidth) {
        this.latentWidth = latentWidth;
    }

    public long getContextWidth() {
        return contextWidth;
    }

    public void setContextWidth(long contextWidth) {
        this.contextWidth = contextWidth;
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        Checks.width("MonteCarloKlOutputLayer '" + getLayerName() + "' input ([z | context | -log q(z | x)])", input,
                latentWidth + contextWidth + 1);
    }

    /** The estimate per example and its gradient {@code [z | 0 | -1]}, on arrays; the same as {@link #defineLayer}. */
    @Override
    public DirectScore directScore() {
        return divergenceScore(this::gradient);
    }

    private INDArray gradient(INDArray input) {
        INDArray gradient = Nd4j.zeros(input.dataType(), input.shape());
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth))
                .assign(input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.point(latentWidth + contextWidth)).assign(-1.0);
        return gradient;
    }

    @Override
    public INDArray divergence(INDArray input) {
        validate(input, null);
        INDArray z = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth));
        INDArray c = input.get(NDArrayIndex.all(), NDArrayIndex.point(latentWidth + contextWidth));
        return z.mul(z).sum(1).muli(0.5).subi(c).addi(0.5 * latentWidth * Math.log(2 * Math.PI));
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable z = input.get(SDIndex.all(), SDIndex.interval(0L, latentWidth));
        SDVariable c = input.get(SDIndex.all(), SDIndex.interval(latentWidth + contextWidth, latentWidth + contextWidth + 1));
        SDVariable score = sd.math.square(z).sum(1).mul(0.5).sub(c.sum(1)).add(0.5 * latentWidth * Math.log(2 * Math.PI)).sum();
        score.markAsLoss();
        return score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MonteCarloKlOutputLayer && super.equals(o)
                && latentWidth == ((MonteCarloKlOutputLayer) o).latentWidth
                && contextWidth == ((MonteCarloKlOutputLayer) o).contextWidth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), latentWidth, contextWidth);
    }
}
