package org.dl4jlvm.flows.conditioner;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolutional conditioner of an image coupling (RealNVP, Glow): on flat NCHW images of C channels and
 * {@code H x W} pixels, the kept coordinates (the rest set to zero) pass through a 3 x 3 convolution to {@code hidden1}
 * channels, a 1 x 1 convolution to {@code hidden2}, and a 3 x 3 convolution to P C channels, all of stride 1 with
 * "same" padding and the activation between them; output channel {@code k C + c} is parameter k of channel c, so the
 * flat output is {@code [batch, P D]} in the transform's layout. The last convolution starts at zero.
 *
 * <p>Parameters {@code convK-weights} ({@code [kH, kW, in, out]}) and {@code convK-bias} ({@code [1, out]}), K = 1 to 3.
 *
 * <p>References: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017 (arXiv:1605.08803);
 * Kingma and Dhariwal, Glow, 2018 (arXiv:1807.03039), section 3.3.
 */
public final class ConvolutionalConditioner implements Conditioner {
    private static final int[] KERNELS = {3, 1, 3};
    private final int channels;
    private final int height;
    private final int width;
    private final double[] kept;
    private final int[] widths;

    /**
     * @param channels, height, width the images' shape, C x H x W = D
     * @param kept 1 for each of the D coordinates the conditioner reads, 0 for those it must not
     * @param hidden the two hidden layers' channels
     * @param parametersPerCoordinate P
     */
    public ConvolutionalConditioner(int channels, int height, int width, int[] kept, int[] hidden, int parametersPerCoordinate) {
        checkHidden("hidden", hidden);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kept = new double[kept.length];
        for (int j = 0; j < kept.length; j++) {
            this.kept[j] = kept[j] != 0 ? 1.0 : 0.0;
        }
        this.widths = new int[] {channels, hidden[0], hidden[1], parametersPerCoordinate * channels};
    }

    /** Fails unless {@code hidden} holds the channels of the two hidden convolutions; {@code where} names it. */
    public static int[] checkHidden(String where, int[] hidden) {
        if (hidden.length != 2) {
            throw new IllegalArgumentException(where + ": expected the channels of the two hidden convolutions (3 x 3, "
                    + "then 1 x 1), found " + hidden.length + " sizes");
        }
        return hidden;
    }

    static String weights(int layer) {
        return "conv" + (layer + 1) + "-weights";
    }

    static String bias(int layer) {
        return "conv" + (layer + 1) + "-bias";
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        for (int layer = 0; layer < KERNELS.length; layer++) {
            params.addWeightParam(weights(layer), KERNELS[layer], KERNELS[layer], widths[layer], widths[layer + 1]);
            params.addBiasParam(bias(layer), 1, widths[layer + 1]);
        }
    }

    @Override
    public void initialize(Map<String, INDArray> params, WeightInit weightInit) {
        for (int layer = 0; layer < KERNELS.length; layer++) {
            INDArray w = params.get(weights(layer));
            if (layer == KERNELS.length - 1) {
                w.assign(0);
            } else {
                long area = (long) KERNELS[layer] * KERNELS[layer];
                WeightInitUtil.initWeights(area * widths[layer], area * widths[layer + 1], w.shape(), weightInit, null, 'c', w);
            }
            params.get(bias(layer)).assign(0);
        }
    }

    @Override
    public SDVariable define(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params,
            Activation activation) {
        if (context != null) {
            throw new IllegalArgumentException("ConvolutionalConditioner: reads no context; expected none, found one");
        }
        INDArray keptRow = Nd4j.createFromArray(kept).reshape(1, kept.length).castTo(x.dataType());
        SDVariable h = x.mul(sd.constant(keptRow)).reshape(-1, channels, height, width);
        for (int layer = 0; layer < KERNELS.length; layer++) {
            Conv2DConfig config = Conv2DConfig.builder().kH(KERNELS[layer]).kW(KERNELS[layer]).sH(1).sW(1)
                    .paddingMode(PaddingMode.SAME).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
            h = sd.cnn().conv2d(h, params.get(weights(layer)), params.get(bias(layer)).reshape(widths[layer + 1]), config);
            if (layer < KERNELS.length - 1) {
                h = SameDiffActivation.apply(activation, sd, h);
            }
        }
        return h.reshape(-1, (long) widths[KERNELS.length] * height * width);
    }

    @Override
    public HostConditioner host(IActivation activation) {
        return new HostConvolutionalConditioner(height, width, kept, KERNELS, widths, activation);
    }
}
