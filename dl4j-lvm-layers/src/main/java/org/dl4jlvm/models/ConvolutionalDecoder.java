package org.dl4jlvm.models;

import org.dl4jlvm.core.Dense;
import org.dl4jlvm.core.DenseStack;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.Activation;

/**
 * A transposed-convolution decoder to images: {@code [z | c]} ({@value VaeGraphBuilder#DECODER_INPUT} when
 * conditional), dense layers ({@code decoder-1..}, default 256), a dense projection to the smallest feature maps
 * ({@value #PROJECTION}: {@code filters[0]} channels of {@code height / 2^L x width / 2^L} for L layers), then
 * stride-2 {@link Deconvolution2D}s ({@code decoder-deconv-1..L}, default 64 then 32 filters of 4 x 4), the last
 * to P channels, one per likelihood parameter per pixel, flattened to {@code [batch, P * height * width]} in the
 * output vertex: for a Gaussian, {@code [means | log-scales]}, as the likelihood reads them.
 */
public final class ConvolutionalDecoder extends ImageLayers<ConvolutionalDecoder> implements DecoderBody {
    public static final String PROJECTION = "decoder-projection";

    /** A decoder to {@code height x width} images; both sides must be divisible by 2^L. */
    public ConvolutionalDecoder(int height, int width) {
        super(height, width, new int[] {64, 32});
    }

    @Override
    ConvolutionalDecoder self() {
        return this;
    }

    @Override
    public void add(ComputationGraphConfiguration.GraphBuilder graph, String z, String context, String output,
            long dataWidth, long parameterWidth, Activation activation) {
        int scale = 1 << filters.length;
        if (height % scale != 0 || width % scale != 0) {
            throw new IllegalArgumentException("filters: " + filters.length + " stride-2 layers need sides divisible by "
                    + scale + ", found " + height + " x " + width);
        }
        long pixels = (long) height * width;
        if (dataWidth % pixels != 0 || parameterWidth % pixels != 0) {
            throw new IllegalArgumentException("dataWidth: a ConvolutionalDecoder of " + height + " x " + width
                    + " images needs a whole number of channels, found data of width " + dataWidth
                    + " and " + parameterWidth + " likelihood parameters");
        }
        int outChannels = (int) (parameterWidth / pixels);
        int side0 = height / scale;
        int side1 = width / scale;
        String previous = DenseStack.add(graph, "decoder-", denseSizes, activation,
                DenseBody.merged(graph, VaeGraphBuilder.DECODER_INPUT, z, context));
        graph.addLayer(PROJECTION, new Dense.Builder().nOut((long) filters[0] * side0 * side1).activation(activation)
                .build(), previous);
        previous = PROJECTION;
        for (int i = 0; i < filters.length; i++) {
            boolean last = i == filters.length - 1;
            String name = "decoder-deconv-" + (i + 1);
            Deconvolution2D.Builder layer = new Deconvolution2D.Builder(kernel, kernel).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).nOut(last ? outChannels : filters[i + 1]);
            if (i == 0) {
                graph.inputPreProcessor(name, new FeedForwardToCnnPreProcessor(side0, side1, filters[0]));
            }
            previous = add(graph, name, a -> transposed(layer.activation(a)), last ? Activation.IDENTITY : activation, previous);
        }
        graph.addVertex(output, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(height, width, outChannels)), previous);
    }
}
