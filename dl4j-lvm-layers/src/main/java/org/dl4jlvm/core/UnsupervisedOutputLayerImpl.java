package org.dl4jlvm.core;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.workspace.ArrayType;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffOutputLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime of {@link UnsupervisedOutputLayer}: DL4J's SameDiff output layer, or the head's {@link DirectScore} where it
 * offers one, plus shape validation
 * before every score and gradient, a check for NaN and infinite inputs whenever the score is not finite (DL4J computes
 * the score before the update, so a bad batch stops training with parameters intact), and the per-iteration score
 * weight applied to both.
 */
public class UnsupervisedOutputLayerImpl extends SameDiffOutputLayer {

    public UnsupervisedOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private UnsupervisedOutputLayer head() {
        return (UnsupervisedOutputLayer) layerConf();
    }

    private double weight() {
        head().validate(input, labels);
        return head().scoreWeight(getIterationCount(), getEpochCount());
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        double weight = weight();
        DirectScore direct = head().directScore();
        double unweighted = direct == null ? super.computeScore(0.0, training, workspaceMgr)
                : direct.perExample(input, labels).sumNumber().doubleValue() / input.size(0);
        double score = weight * unweighted + fullNetRegTerm / input.size(0);
        if (!Double.isFinite(score)) {
            head().checkFiniteLabels(labels);
            long bad = Checks.nonFinite(input);
            throw new NonFiniteScoreException(layerConf().getLayerName() + ": the score is " + score
                    + " from finite data at iteration " + getIterationCount() + " (epoch " + getEpochCount() + "), "
                    + (bad == 0 ? "with a finite input" : "with " + bad + " NaN or infinite entries of " + input.length()
                    + " in its input (the layers before it diverged)")
                    + "; stopped before the update, so the parameters are those before this step. "
                    + "Lower the learning rate, or check the data for out-of-range values.");
        }
        return score;
    }

    /** Weighted scores per example, {@code [batch, 1]}; only for heads with a {@link DirectScore}. */
    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        DirectScore direct = head().directScore();
        if (direct == null) {
            return super.computeScoreForExamples(fullNetRegTerm, workspaceMgr);
        }
        double weight = weight();
        INDArray scores = direct.perExample(input, labels).muli(weight).addi(fullNetRegTerm / input.size(0));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, scores);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        double weight = weight();
        DirectScore direct = head().directScore();
        Pair<Gradient, INDArray> result = direct == null ? super.backpropGradient(epsilon, workspaceMgr)
                : new Pair<>(new DefaultGradient(),
                        workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, direct.inputGradient(input, labels)));
        if (weight != 1.0) {
            result.getSecond().muli(weight);
            if (gradients != null) {
                gradients.muli(weight);
            }
        }
        return result;
    }
}
