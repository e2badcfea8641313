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
 * in nats per example (the graph's score). It ignores its labels ({@link org.dl4jlvm.training.UnsupervisedIterator}
 * supplies a zero column). Its activations are its input.
 */
public class FlowLikelihoodOutputLayer extends UnsupervisedOutputLayer {

    private static final SameDiffFunction NEG_LOG_LIKELIHOOD =
            new SameDiffFunction((sd, inputs) -> define(sd, inputs[0]));

    /** For Jackson. */
    public FlowLikelihoodOutputLayer() {
    }

    /** Sets the layer name and returns this layer. */
    public FlowLikelihoodOutputLayer named(String name) {
        setLayerName(name);
        return this;
    }

    /** {@code -(log N(z; 0, I) + logDet)} per example, {@code [batch, 1]}, for input {@code [z | logDet]}. */
    public static SDVariable define(SameDiff sd, SDVariable input) {
        long d = input.getShape()[1] - 1;
        SDVariable z = input.get(SDIndex.all(), SDIndex.interval(0L, d));
        SDVariable logDet = input.get(SDIndex.all(), SDIndex.interval(d, d + 1));
        return z.mul(z).sum(true, 1).mul(0.5).add(0.5 * d * Math.log(2 * Math.PI)).sub(logDet);
    }

    /** The same on arrays: {@code -log p(x)} per example, {@code [batch, 1]}. */
    public static INDArray negLogLikelihood(INDArray zAndLogDet) {
        return NEG_LOG_LIKELIHOOD.apply(zAndLogDet);
    }

    /** Trains on arrays: per example {@code 0.5 |z|^2 + (D / 2) log(2 pi) - logDet}, gradient {@code [z | -1]}. */
    @Override
    public DirectScore directScore() {
        return DIRECT;
    }

    private static final DirectScore DIRECT = new DirectScore() {
        @Override
        public INDArray perExample(INDArray input, INDArray labels) {
            long d = input.size(1) - 1;
            INDArray z = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
            INDArray logDet = input.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + 1));
            return z.mul(z).sum(true, 1).muli(0.5).addi(0.5 * d * Math.log(2 * Math.PI)).subi(logDet);
        }

        @Override
        public INDArray inputGradient(INDArray input, INDArray labels) {
            long d = input.size(1) - 1;
            INDArray gradient = input.dup();
            gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + 1)).assign(-1.0);
            return gradient;
        }
    };

    @Override
    public boolean labelsAreFeatures() {
        return false;
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        String label = "FlowLikelihoodOutputLayer '" + getLayerName() + "' input [z | logDet]";
        Checks.matrix(label, input);
        if (input.size(1) < 2) {
            throw new IllegalArgumentException(label + ": expected width D + 1 >= 2, found " + input.size(1));
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        SDVariable score = define(sd, input).sum();
        score.markAsLoss();
        return score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowLikelihoodOutputLayer && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
