package org.dl4jlvm.flows;

import org.dl4jlvm.core.DirectScore;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.SameDiffFunction;
import org.dl4jlvm.core.UnsupervisedOutputLayer;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output head of a flow: reads {@code [z | logDet]} from the last step and scores the negative
 * log-likelihood of the data under a standard normal base, by the change of variables
 * <pre>  -log p(x) = -(log N(z; 0, I) + logDet) = 0.5 |z|^2 + (D / 2) log(2 pi) - logDet </pre>
 * in nats per example (the graph's score). In a conditional flow the input is {@code [z | context | logDet]}
 * ({@link #contextWidth(long)}) and the context columns do not enter the score. It ignores its labels ({@link org.dl4jlvm.training.UnsupervisedIterator}
 * supplies a zero column). Its activations are its input.
 */
public class FlowLikelihoodOutputLayer extends UnsupervisedOutputLayer {

    private static final SameDiffFunction NEG_LOG_LIKELIHOOD =
            new SameDiffFunction((sd, inputs) -> define(sd, inputs[0]));
    private long contextWidth;

    /** For Jackson. */
    public FlowLikelihoodOutputLayer() {
    }

    /** The width C of the context columns between z and the log-det (0: none); returns this layer. */
    public FlowLikelihoodOutputLayer contextWidth(long contextWidth) {
        setContextWidth(contextWidth);
        return this;
    }

    public long getContextWidth() {
        return contextWidth;
    }

    public void setContextWidth(long contextWidth) {
        if (contextWidth < 0) {
            throw new IllegalArgumentException("contextWidth: expected >= 0, found " + contextWidth);
        }
        this.contextWidth = contextWidth;
    }

    /** Sets the layer name and returns this layer. */
    public FlowLikelihoodOutputLayer named(String name) {
        setLayerName(name);
        return this;
    }

    /** {@code -(log N(z; 0, I) + logDet)} per example, {@code [batch, 1]}, for input {@code [z | logDet]}. */
    public static SDVariable define(SameDiff sd, SDVariable input) {
        return define(sd, input, 0);
    }

    /** The same for input {@code [z | context | logDet]} with a context of width C. */
    public static SDVariable define(SameDiff sd, SDVariable input, long contextWidth) {
        long width = input.getShape()[1];
        long d = width - 1 - contextWidth;
        SDVariable z = input.get(SDIndex.all(), SDIndex.interval(0L, d));
        SDVariable logDet = input.get(SDIndex.all(), SDIndex.interval(width - 1, width));
        return z.mul(z).sum(true, 1).mul(0.5).add(0.5 * d * Math.log(2 * Math.PI)).sub(logDet);
    }

    /** The same on arrays: {@code -log p(x)} per example, {@code [batch, 1]}. */
    public static INDArray negLogLikelihood(INDArray zAndLogDet) {
        return NEG_LOG_LIKELIHOOD.apply(zAndLogDet);
    }

    /** Trains on arrays: per example {@code 0.5 |z|^2 + (D / 2) log(2 pi) - logDet}, gradient {@code [z | -1]}. */
    @Override
    public DirectScore directScore() {
        long c = contextWidth;
        return new DirectScore() {
            @Override
            public INDArray perExample(INDArray input, INDArray labels) {
                long width = input.size(1);
                long d = width - 1 - c;
                INDArray z = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
                INDArray logDet = input.get(NDArrayIndex.all(), NDArrayIndex.interval(width - 1, width));
                return z.mul(z).sum(true, 1).muli(0.5).addi(0.5 * d * Math.log(2 * Math.PI)).subi(logDet);
            }

            @Override
            public INDArray inputGradient(INDArray input, INDArray labels) {
                long width = input.size(1);
                INDArray gradient = input.dup();
                if (c > 0) {
                    gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(width - 1 - c, width - 1)).assign(0.0);
                }
                gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(width - 1, width)).assign(-1.0);
                return gradient;
            }
        };
    }

    @Override
    public boolean labelsAreFeatures() {
        return false;
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        String label = "FlowLikelihoodOutputLayer '" + getLayerName() + "' input [z | logDet]";
        Checks.matrix(label, input);
        if (input.size(1) < 2 + contextWidth) {
            throw new IllegalArgumentException(label + ": expected width D + " + (contextWidth == 0 ? "" : contextWidth
                    + " + ") + "1 with D >= 1, found " + input.size(1));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable score = define(sd, input, contextWidth).sum();
        score.markAsLoss();
        return score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowLikelihoodOutputLayer && super.equals(o)
                && contextWidth == ((FlowLikelihoodOutputLayer) o).contextWidth;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Long.hashCode(contextWidth);
    }
}
