package org.dl4jlvm.vae;

import java.util.function.UnaryOperator;
import org.dl4jlvm.core.DirectScore;

import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.UnsupervisedOutputLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.dl4jlvm.core.JsonRoundTrip;

/**
 * Output head that adds {@code beta(t) * KL(N(mean, diag exp(logVariance)) || N(0, I))} per example to the
 * graph's score (see {@link GaussianKl}). Its input is the encoder head {@code [mean | logVariance]}
 * (width 2Q); its labels are ignored; its activations are its input. {@code beta} follows any DL4J
 * {@link ISchedule} of the iteration and epoch: constant, a linear warm-up (KL annealing, Bowman et al.,
 * Generating Sentences from a Continuous Space, 2016, arXiv:1511.06349) or a beta-VAE's constant
 * beta &gt; 1 (Higgins et al., ICLR 2017).
 *
 * <pre>
 * .addLayer("kl", new KlRegularizerOutputLayer.Builder().beta(1.0).warmupIterations(2000).build(), "encoderHead")
 * </pre>
 */
public class KlRegularizerOutputLayer extends UnsupervisedOutputLayer {

    private ISchedule betaSchedule = new FixedSchedule(1.0);

    /** For Jackson; beta = 1. */
    public KlRegularizerOutputLayer() {
    }

    private KlRegularizerOutputLayer(Builder builder) {
        this(builder.schedule());
        setLayerName(builder.name);
    }

    /** A head with beta following {@code betaSchedule}. */
    protected KlRegularizerOutputLayer(ISchedule betaSchedule) {
        this.betaSchedule = JsonRoundTrip.require("betaSchedule", betaSchedule);
    }

    /** The KL per example, shape [batch], of this head's input, in nats. */
    public INDArray divergence(INDArray input) {
        return GaussianKl.of(input);
    }

    public ISchedule getBetaSchedule() {
        return betaSchedule;
    }

    public void setBetaSchedule(ISchedule betaSchedule) {
        this.betaSchedule = JsonRoundTrip.require("betaSchedule", betaSchedule);
    }

    /** beta at the given iteration and epoch; fails when the schedule gives a negative or non-finite value. */
    public double beta(int iteration, int epoch) {
        double beta = betaSchedule.valueAt(iteration, epoch);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta: the schedule " + betaSchedule + " must give a finite value >= 0, found "
                    + beta + " at iteration " + iteration + ", epoch " + epoch);
        }
        return beta;
    }

    @Override
    public boolean labelsAreFeatures() {
        return false;
    }

    @Override
    public double scoreWeight(int iteration, int epoch) {
        return beta(iteration, epoch);
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        Checks.matrix(layerLabel() + " input", input);
        LatentWidth.of(layerLabel() + " input", input.size(1));
    }

    private String layerLabel() {
        return "KlRegularizerOutputLayer '" + getLayerName() + "'";
    }

    @Override
    public DirectScore directScore() {
        return GaussianKl.DIRECT;
    }

    /** A direct score of {@link #divergence} per example, its input gradient given by {@code gradient}. */
    protected DirectScore divergenceScore(UnaryOperator<INDArray> gradient) {
        return new DirectScore() {
            @Override
            public INDArray perExample(INDArray input, INDArray labels) {
                return divergence(input).reshape(input.size(0), 1);
            }

            @Override
            public INDArray inputGradient(INDArray input, INDArray labels) {
                return gradient.apply(input);
            }
        };
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable score = GaussianKl.define(sd, input).sum();
        score.markAsLoss();
        return score;
    }

    @Override
    public KlRegularizerOutputLayer clone() {
        KlRegularizerOutputLayer clone = (KlRegularizerOutputLayer) super.clone();
        clone.betaSchedule = betaSchedule.clone();
        return clone;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o)
                && betaSchedule.equals(((KlRegularizerOutputLayer) o).betaSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), betaSchedule);
    }

    /** Builder; the default is a constant beta of 1. */
    public static class Builder {
        private ISchedule betaSchedule = new FixedSchedule(1.0);
        private int warmupIterations;
        private String name;

        /** A constant beta >= 0 (1 gives the ELBO). */
        public Builder beta(double beta) {
            this.betaSchedule = new FixedSchedule(Checks.nonNegative("beta", beta));
            return this;
        }

        /** beta as any DL4J schedule of iteration and epoch that can be read back from JSON (so that the model loads). */
        public Builder betaSchedule(ISchedule schedule) {
            this.betaSchedule = JsonRoundTrip.require("betaSchedule", schedule);
            return this;
        }

        /** The schedule of beta, with the warm-up if any. */
        public ISchedule schedule() {
            return warmupIterations > 0 ? new LinearWarmup(betaSchedule, warmupIterations) : betaSchedule;
        }

        /** Linear warm-up: beta rises from beta/N at iteration 0 to beta at iteration N - 1, then stays. */
        public Builder warmupIterations(int iterations) {
            this.warmupIterations = Checks.atLeastOne("warmupIterations", iterations);
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public KlRegularizerOutputLayer build() {
            return new KlRegularizerOutputLayer(this);
        }
    }
}
