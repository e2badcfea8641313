package org.dl4jlvm.likelihood;

import java.io.Serializable;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.DirectScore;
import org.dl4jlvm.core.SameDiffFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * An observation model p(x | theta) for a decoder whose output layer emits the distribution parameters
 * theta, one row per example. The negative log-likelihood is written in SameDiff ops
 * ({@link #defineNegLogLikelihood}), evaluated on arrays by {@link #negLogLikelihood} and differentiated inside
 * the {@link LikelihoodOutputLayer} during training, unless the likelihood also gives it in closed form with its
 * gradient ({@link #directScore}, as {@link BernoulliLikelihood} does), which then trains instead.
 * All values are in nats per example.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public abstract class Likelihood implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonIgnore
    private transient SameDiffFunction evaluator;

    /** Width of the parameter vector theta for data of width {@code dataWidth}. */
    public abstract long parameterWidth(long dataWidth);

    /**
     * The per-example negative log-likelihood -log p(x | theta), shape [batch], as SameDiff ops.
     *
     * @param data       x, shape [batch, D]
     * @param parameters theta, shape [batch, parameterWidth(D)]
     */
    public abstract SDVariable defineNegLogLikelihood(SameDiff sd, SDVariable data, SDVariable parameters);

    /**
     * The negative log-likelihood on arrays with its closed-form gradient, input theta and labels x, which the
     * {@link LikelihoodOutputLayer} trains with instead of a SameDiff session; null (the default) to train
     * through {@link #defineNegLogLikelihood}.
     */
    public DirectScore directScore() {
        return null;
    }

    /** The mean E[x | theta], shape [batch, D]. */
    public abstract INDArray mean(INDArray parameters);

    /** One draw x ~ p(x | theta) per row, shape [batch, D], from the given generator. */
    public abstract INDArray sample(INDArray parameters, Random random);

    /** Data width D for parameters of the given width; fails when no D fits. */
    public abstract long dataWidth(long parameterWidth);

    /** -log p(x | theta) per example, shape [batch], evaluated by the same definition used in training. */
    public INDArray negLogLikelihood(INDArray data, INDArray parameters) {
        Checks.matrix("data", data);
        Checks.width("parameters", parameters, parameterWidth(data.size(1)));
        if (data.size(0) != parameters.size(0)) {
            throw new IllegalArgumentException("parameters: expected " + data.size(0)
                    + " rows (one per data row), found " + parameters.size(0));
        }
        synchronized (this) {
            if (evaluator == null) {
                evaluator = new SameDiffFunction((sd, in) -> defineNegLogLikelihood(sd, in[0], in[1]));
            }
        }
        return evaluator.apply(data, parameters.castTo(data.dataType()));
    }

    /** Fails unless {@code parameters} has the width this likelihood needs for data of width {@code dataWidth}. */
    public void checkWidths(long dataWidth, long parameterWidth) {
        if (parameterWidth(dataWidth) != parameterWidth) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": decoder output width must be "
                    + parameterWidth(dataWidth) + " for data of width " + dataWidth + ", found " + parameterWidth);
        }
    }
}
