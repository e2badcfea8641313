package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conditioner of a coupling step: a dense MLP {@code in -> hidden_1 -> ... -> hidden_k -> out}. Hidden layers
 * use the step's activation and weight initialisation; the last layer starts at zero, so a new coupling is the
 * identity.
 *
 * <p>Its parameters are one array, {@value #PARAMETERS} ({@code [1, size()]}): for each layer the weights
 * ({@code in x out}, row-major), then the bias ({@code out}). One array rather than a weight and a bias per layer,
 * because DL4J M2.1's updater creates several arrays per parameter array and step: with 6 arrays per coupling that
 * was 14% of a 2-D RealNVP step. So a step's L1/L2 regularisation, where configured, covers the biases too.
 */
final class Conditioner {
    static final String PARAMETERS = "conditioner";
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

    /** Dense layers, hidden ones and the output one. */
    int layers() {
        return hidden.length + 1;
    }

    /** The number of parameters. */
    long size() {
        long size = 0;
        for (int layer = 0; layer < layers(); layer++) {
            size += (width(layer) + 1) * width(layer + 1);
        }
        return size;
    }

    void defineParameters(SDLayerParams params) {
        params.addWeightParam(PARAMETERS, 1, size());
    }

    /** For each layer, {weights, bias} as views of the parameter array, or of its gradient. */
    List<INDArray[]> views(INDArray parameters) {
        INDArray flat = parameters.reshape(parameters.length());
        List<INDArray[]> views = new ArrayList<>();
        long offset = 0;
        for (int layer = 0; layer < layers(); layer++) {
            long rows = width(layer);
            long columns = width(layer + 1);
            INDArray weights = flat.get(NDArrayIndex.interval(offset, offset + rows * columns)).reshape('c', rows, columns);
            offset += rows * columns;
            INDArray bias = flat.get(NDArrayIndex.interval(offset, offset + columns)).reshape('c', 1, columns);
            offset += columns;
            views.add(new INDArray[] {weights, bias});
        }
        return views;
    }

    void initialize(Map<String, INDArray> params, WeightInit weightInit) {
        List<INDArray[]> views = views(params.get(PARAMETERS));
        for (int layer = 0; layer < layers(); layer++) {
            INDArray weights = views.get(layer)[0];
            if (layer == hidden.length) {
                weights.assign(0);
            } else {
                WeightInitUtil.initWeights(width(layer), width(layer + 1), weights.shape(), weightInit, null, 'c', weights);
            }
            views.get(layer)[1].assign(0);
        }
    }

    SDVariable define(SameDiff sd, SDVariable x, Map<String, SDVariable> params, Activation activation) {
        SDVariable parameters = params.get(PARAMETERS);
        SDVariable h = x;
        long offset = 0;
        for (int layer = 0; layer < layers(); layer++) {
            long rows = width(layer);
            long columns = width(layer + 1);
            // slice, not get: the gradient of M2.1's strided_slice fails here ("lengths of arrays are mismatched")
            SDVariable weights = sd.slice(parameters, new int[] {0, (int) offset}, 1, (int) (rows * columns))
                    .reshape(rows, columns);
            offset += rows * columns;
            SDVariable bias = sd.slice(parameters, new int[] {0, (int) offset}, 1, (int) columns);
            offset += columns;
            h = h.mmul(weights).add(bias);
            if (layer < hidden.length) {
                h = activation.asSameDiff(sd, h);
            }
        }
        return h;
    }
}
