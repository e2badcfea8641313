package org.dl4jlvm.flows;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The conditioner of a coupling step: a dense MLP {@code in -> hidden_1 -> ... -> hidden_k -> out}, with
 * parameters {@code W0, b0, ..., Wk, bk} in the step's parameter table. Hidden layers use the step's
 * activation and weight initialisation; the last layer starts at zero, so a new coupling is the identity.
 */
final class Conditioner {
    private final long in;
    private final int[] hidden;
    private final long out;

    Conditioner(long in, int[] hidden, long out) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
    }

    private long width(int layer) {
        if (layer == 0) {
            return in;
        }
        return layer <= hidden.length ? hidden[layer - 1] : out;
    }

    void defineParameters(SDLayerParams params) {
        for (int layer = 0; layer <= hidden.length; layer++) {
            params.addWeightParam("W" + layer, width(layer), width(layer + 1));
            params.addBiasParam("b" + layer, 1, width(layer + 1));
        }
    }

    void initialize(Map<String, INDArray> params, WeightInit weightInit) {
        for (int layer = 0; layer <= hidden.length; layer++) {
            INDArray weights = params.get("W" + layer);
            if (layer == hidden.length) {
                weights.assign(0);
            } else {
                WeightInitUtil.initWeights(width(layer), width(layer + 1), weights.shape(), weightInit, null, 'c', weights);
            }
            params.get("b" + layer).assign(0);
        }
    }

    SDVariable define(SameDiff sd, SDVariable x, Map<String, SDVariable> params, Activation activation) {
        SDVariable h = x;
        for (int layer = 0; layer <= hidden.length; layer++) {
            h = h.mmul(params.get("W" + layer)).add(params.get("b" + layer));
            if (layer < hidden.length) {
                h = activation.asSameDiff(sd, h);
            }
        }
        return h;
    }
}
