package org.dl4jlvm.flows.embedding;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.activations.Activation;

/**
 * A 1-D convolutional embedding of a series of length T, as the {@code sbi} package's {@code CNNEmbedding}: per
 * block a convolution along time (kernel k, 'same' padding, ReLU) and a max-pooling by 2, then a dense ReLU layer and
 * a linear layer of width E. The series enters as a {@code [n, T]} row; its input type is
 * {@code convolutionalFlat(1, T, 1)} (height 1, width T, one channel), so DL4J reshapes it before the first
 * convolution. Vertex names {@code embedding-0}, {@code embedding-1}, ...
 */
public final class ConvolutionalEmbedding implements ContextEmbedding {
    private final int width;
    private final int[] channels;
    private final int kernel;
    private final int hidden;

    /**
     * @param width    the embedding's width E
     * @param channels the channels of each convolution block (one block each)
     * @param kernel   the kernel length k along time
     * @param hidden   the dense layer's units before the linear output
     */
    public ConvolutionalEmbedding(int width, int[] channels, int kernel, int hidden) {
        this.width = Checks.atLeastOne("embedding width", width);
        if (channels.length == 0) {
            throw new IllegalArgumentException("embedding channels: expected at least one convolution block, found none");
        }
        for (int c : channels) {
            Checks.atLeastOne("embedding channels", c);
        }
        this.channels = channels.clone();
        this.kernel = Checks.atLeastOne("embedding kernel", kernel);
        this.hidden = Checks.atLeastOne("embedding hidden units", hidden);
    }

    @Override
    public int width() {
        return width;
    }

    /** {@code convolutionalFlat(1, T, 1)}; the series must be long enough for every block's pooling. */
    @Override
    public InputType inputType(int length) {
        if (length >> channels.length < 1) {
            throw new IllegalArgumentException("context: a convolutional embedding of " + channels.length
                    + " blocks halves the series " + channels.length + " times, which needs a length of at least "
                    + (1 << channels.length) + ", found " + length);
        }
        return InputType.convolutionalFlat(1, length, 1);
    }

    @Override
    public Map<String, Layer> layers(int length) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (int c : channels) {
            layers.put("embedding-" + layers.size(), new ConvolutionLayer.Builder(1, kernel).nOut(c)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
            layers.put("embedding-" + layers.size(), new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 2)
                    .stride(1, 2).build());
        }
        layers.put("embedding-" + layers.size(), new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build());
        layers.put("embedding-" + layers.size(), new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build());
        return layers;
    }
}
