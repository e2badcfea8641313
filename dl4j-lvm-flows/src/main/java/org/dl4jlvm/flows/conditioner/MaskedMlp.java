package org.dl4jlvm.flows.conditioner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conditioner of a flow step: a dense MLP {@code [x | context] -> hidden_1 -> ... -> hidden_k -> h} whose weights are
 * multiplied by fixed 0/1 masks, so that the P parameters of coordinate i depend only on the inputs the step allows.
 * The masks come from degrees, as in MADE: input j has degree {@code d_j >= 1}, hidden unit k of every layer degree
 * {@code m_k = 1 + k mod (max d - 1)}; a unit of degree m reads the inputs (or units) of degree at most m, and the
 * outputs of coordinate i read the units of degree below {@code d_i}. Context inputs reach every hidden unit.
 * <ul>
 *   <li>Coupling: kept coordinates degree 1, transformed ones degree 2; every hidden unit has degree 1, reads the kept
 *       coordinates and the context, and feeds the transformed coordinates' outputs.</li>
 *   <li>Autoregressive (MADE): {@code d_j} = 1 + the position of j in the order; the outputs of coordinate i depend on
 *       the coordinates before it in the order only.</li>
 * </ul>
 * The last layer starts at zero, so a new step's transform gets {@code h = 0}, its identity.
 *
 * <p>Its parameters are one array, {@value #PARAMETERS} ({@code [1, size()]}): per layer the weights ({@code in x out},
 * row-major), then the bias ({@code out}). One array rather than two per layer because DL4J M2.1's updater creates
 * several arrays per parameter array and step (14% of a 2-D RealNVP step with 6 arrays per coupling).
 *
 * <p>Reference: Germain, Gregor, Murray and Larochelle, MADE: Masked Autoencoder for Distribution Estimation, 2015
 * (arXiv:1502.03509).
 */
public final class MaskedMlp implements Conditioner {
    public static final String PARAMETERS = "conditioner";
    private final int[] inputDegrees;
    private final long contextWidth;
    private final int[] hidden;
    private final int parametersPerCoordinate;

    /**
     * @param inputDegrees the degree of each of the D coordinates, each at least 1
     * @param contextWidth the context's width C (0 without context)
     * @param hidden the hidden layers' sizes
     * @param parametersPerCoordinate P: the output is {@code [batch, P D]}, block k holding parameter k of each coordinate
     */
    public MaskedMlp(int[] inputDegrees, long contextWidth, int[] hidden, int parametersPerCoordinate) {
        this.inputDegrees = inputDegrees.clone();
        this.contextWidth = contextWidth;
        this.hidden = hidden.clone();
        this.parametersPerCoordinate = parametersPerCoordinate;
    }

    private long width(int layer) {
        if (layer == 0) {
            return inputDegrees.length + contextWidth;
        }
        return layer <= hidden.length ? hidden[layer - 1] : (long) inputDegrees.length * parametersPerCoordinate;
    }

    /** Dense layers, hidden ones and the output one. */
    public int layers() {
        return hidden.length + 1;
    }

    /** The number of parameters. */
    public long size() {
        long size = 0;
        for (int layer = 0; layer < layers(); layer++) {
            size += (width(layer) + 1) * width(layer + 1);
        }
        return size;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(PARAMETERS, 1, size());
    }

    /** The degrees of layer l's units: the inputs' (context 0) for l = 0, the hidden units' after. */
    private int[] degrees(int layer) {
        int d = inputDegrees.length;
        int[] degrees = new int[(int) width(layer)];
        if (layer == 0) {
            System.arraycopy(inputDegrees, 0, degrees, 0, d);
            return degrees;
        }
        int cycle = Math.max(1, maxDegree() - 1);
        for (int k = 0; k < degrees.length; k++) {
            degrees[k] = 1 + k % cycle;
        }
        return degrees;
    }

    private int maxDegree() {
        int max = 1;
        for (int degree : inputDegrees) {
            max = Math.max(max, degree);
        }
        return max;
    }

    /**
     * The 0/1 mask of each layer's weights ({@code in x out}), or null where the layer is dense. Context rows are 1
     * ({@code degrees} gives them degree 0).
     */
    public INDArray[] masks(DataType type) {
        INDArray[] masks = new INDArray[layers()];
        int d = inputDegrees.length;
        for (int layer = 0; layer < layers(); layer++) {
            int[] below = degrees(layer);
            boolean output = layer == hidden.length;
            double[][] mask = new double[below.length][(int) width(layer + 1)];
            boolean dense = true;
            int[] above = output ? null : degrees(layer + 1);
            for (int r = 0; r < below.length; r++) {
                for (int c = 0; c < mask[r].length; c++) {
                    boolean connected = output ? inputDegrees[c % d] > below[r] : above[c] >= below[r];
                    mask[r][c] = connected ? 1.0 : 0.0;
                    dense &= connected;
                }
            }
            masks[layer] = dense ? null : Nd4j.createFromArray(mask).castTo(type);
        }
        return masks;
    }

    /** For each layer, {weights, bias} as views of the parameter array, or of its gradient. */
    public List<INDArray[]> views(INDArray parameters) {
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

    /** Hidden layers by {@code weightInit}, the output layer and every bias at zero. */
    @Override
    public void initialize(Map<String, INDArray> params, WeightInit weightInit) {
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

    /** {@code h}, {@code [batch, P D]}, for x {@code [batch, D]} and the context {@code [batch, C]} (null when C = 0). */
    @Override
    public SDVariable define(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params,
            Activation activation) {
        SDVariable parameters = params.get(PARAMETERS);
        INDArray[] masks = masks(x.dataType());
        SDVariable h = contextWidth > 0 ? sd.concat(1, x, context) : x;
        long offset = 0;
        for (int layer = 0; layer < layers(); layer++) {
            long rows = width(layer);
            long columns = width(layer + 1);
            // slice, not get: the gradient of M2.1's strided_slice fails here ("lengths of arrays are mismatched")
            SDVariable weights = sd.slice(parameters, new int[] {0, (int) offset}, 1, (int) (rows * columns))
                    .reshape(rows, columns);
            if (masks[layer] != null) {
                weights = weights.mul(sd.constant(masks[layer]));
            }
            offset += rows * columns;
            SDVariable bias = sd.slice(parameters, new int[] {0, (int) offset}, 1, (int) columns);
            offset += columns;
            h = h.mmul(weights).add(bias);
            if (layer < hidden.length) {
                h = SameDiffActivation.apply(activation, sd, h);
            }
        }
        return h;
    }

    @Override
    public HostConditioner host(IActivation activation) {
        return new HostMlp(this, activation);
    }
}
