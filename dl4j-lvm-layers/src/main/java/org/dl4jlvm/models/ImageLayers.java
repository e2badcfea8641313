package org.dl4jlvm.models;

import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import java.util.function.Function;
import org.dl4jlvm.core.HostConvolutionLayer;
import org.dl4jlvm.core.HostDeconvolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.nd4j.linalg.activations.Activation;

/**
 * What the convolutional encoder and decoder share: the image shape, the kernel, the filters and optional batch
 * normalisation, and the rule for one stride-2 layer (a convolution halves each side, a transposed convolution doubles
 * it; {@code ConvolutionMode.Same}, so a kernel of 4 pads as PyTorch's {@code kernel 4, stride 2, padding 1}).
 */
abstract class ImageLayers<T extends ImageLayers<T>> {
    final int height;
    final int width;
    int kernel = 4;
    int[] filters;
    int[] denseSizes = {256};
    boolean batchNormalization;
    boolean hostConvolutions = true;

    ImageLayers(int height, int width, int[] filters) {
        this.height = Checks.atLeastOne("height", height);
        this.width = Checks.atLeastOne("width", width);
        this.filters = filters;
    }

    abstract T self();

    /** Side of the square kernels (default 4). */
    public T kernel(int kernel) {
        this.kernel = Checks.atLeastOne("kernel", kernel);
        return self();
    }

    /** Channels of the stride-2 layers, one entry per layer (at least one). */
    public T filters(int... filters) {
        if (filters.length == 0) {
            throw new IllegalArgumentException("filters: expected at least one convolution, found none");
        }
        for (int f : filters) {
            Checks.atLeastOne("filters entries", f);
        }
        this.filters = filters.clone();
        return self();
    }

    /** Sizes of the dense layers between the feature maps and the latent side (default 256; none allowed). */
    public T denseSizes(int... sizes) {
        this.denseSizes = org.dl4jlvm.core.DenseStack.sizes("denseSizes", sizes);
        return self();
    }

    /** Batch normalisation between each convolution and its activation (default off). */
    public T batchNormalization(boolean on) {
        this.batchNormalization = on;
        return self();
    }

    /**
     * Whether the convolutions run on {@link org.dl4jlvm.core.HostConvolution} (the default:
     * {@link HostConvolutionLayer} and {@link HostDeconvolution2D}, the same layers with a faster CPU runtime) or on
     * DL4J's own runtime, the reference.
     */
    public T hostConvolutions(boolean on) {
        this.hostConvolutions = on;
        return self();
    }

    /** The configured convolution, with the host runtime when asked. */
    org.deeplearning4j.nn.conf.layers.Layer convolution(ConvolutionLayer.Builder builder) {
        return hostConvolutions ? new HostConvolutionLayer(builder) : builder.build();
    }

    /** The configured transposed convolution, with the host runtime when asked. */
    org.deeplearning4j.nn.conf.layers.Layer transposed(Deconvolution2D.Builder builder) {
        return hostConvolutions ? new HostDeconvolution2D(builder) : builder.build();
    }

    /** Side after {@code layers} halvings with ConvolutionMode.Same: ceil(side / 2) each time. */
    static int halved(int side, int layers) {
        for (int i = 0; i < layers; i++) {
            side = (side + 1) / 2;
        }
        return side;
    }

    /**
     * Adds {@code layer} made with the activation (identity when batch normalisation follows) after {@code input},
     * with batch normalisation and the activation after it when asked; returns the last vertex's name.
     */
    String add(ComputationGraphConfiguration.GraphBuilder graph, String name,
            Function<Activation, org.deeplearning4j.nn.conf.layers.Layer> layer, Activation activation, String input) {
        if (!batchNormalization || activation == Activation.IDENTITY) {
            graph.addLayer(name, layer.apply(activation), input);
            return name;
        }
        graph.addLayer(name, layer.apply(Activation.IDENTITY), input);
        graph.addLayer(name + "-norm", new BatchNormalization.Builder().build(), name);
        graph.addLayer(name + "-act", new ActivationLayer.Builder().activation(activation).build(), name + "-norm");
        return name + "-act";
    }
}
