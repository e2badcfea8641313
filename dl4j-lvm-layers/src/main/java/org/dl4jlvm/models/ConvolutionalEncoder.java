package org.dl4jlvm.models;

import org.dl4jlvm.core.DenseStack;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;

/**
 * A convolutional encoder for images given as flat rows (channels, then rows, then columns: NCHW flattened, as
 * Fashion-MNIST's 784 pixels are): the graph input is {@code InputType.convolutionalFlat(height, width, channels)}, so
 * DL4J reshapes it before the first layer. Then stride-2 {@link ConvolutionLayer}s ({@code encoder-conv-1..n}, default
 * 32 and 64 filters of 4 x 4), the feature maps flattened ({@value #FLAT}), merged with the context when there is one,
 * and dense layers ({@code encoder-1..}, default 256).
 *
 * <pre>
 * new VaeGraphBuilder(784, 32).encoder(new ConvolutionalEncoder(28, 28, 1)).decoder(new ConvolutionalDecoder(28, 28))
 * </pre>
 */
public final class ConvolutionalEncoder extends ImageLayers<ConvolutionalEncoder> implements EncoderBody {
    public static final String FLAT = "encoder-flat";
    public static final String FEATURES_AND_CONTEXT = "features-and-context";
    private final int channels;

    /** An encoder of {@code height x width} images with {@code channels} channels. */
    public ConvolutionalEncoder(int height, int width, int channels) {
        super(height, width, new int[] {32, 64});
        this.channels = org.dl4jlvm.core.Checks.atLeastOne("channels", channels);
    }

    @Override
    ConvolutionalEncoder self() {
        return this;
    }

    @Override
    public InputType inputType(long dataWidth) {
        if ((long) height * width * channels != dataWidth) {
            throw new IllegalArgumentException("dataWidth: a ConvolutionalEncoder of " + height + " x " + width + " x "
                    + channels + " images reads rows of " + (long) height * width * channels + " values, found "
                    + dataWidth);
        }
        return InputType.convolutionalFlat(height, width, channels);
    }

    @Override
    public String add(ComputationGraphConfiguration.GraphBuilder graph, String x, String context, Activation activation) {
        String previous = x;
        for (int i = 0; i < filters.length; i++) {
            int channels = filters[i];
            previous = add(graph, "encoder-conv-" + (i + 1), a -> convolution(new ConvolutionLayer.Builder(kernel, kernel)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Same).nOut(channels).activation(a)), activation, previous);
        }
        graph.addVertex(FLAT, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(halved(height, filters.length),
                halved(width, filters.length), filters[filters.length - 1])), previous);
        return DenseStack.add(graph, "encoder-", denseSizes, activation, DenseBody.merged(graph, FEATURES_AND_CONTEXT, FLAT, context));
    }
}
