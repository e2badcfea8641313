package org.dl4jlvm.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jlvm.core.HostConvolutionLayer;
import org.dl4jlvm.core.HostDeconvolution2D;
import org.dl4jlvm.models.ConvolutionalDecoder;
import org.dl4jlvm.models.ConvolutionalEncoder;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The four convolutions of the convolutional VAE ({@code vae --architecture conv}) at batch 128, chained without
 * activations (1 x 28 x 28 to 32 x 14 x 14 to 64 x 7 x 7 by 4 x 4 stride-2 convolutions, and back by transposed ones),
 * forward and backward from a fixed output gradient, without an update: how fast each convolution runtime does the
 * convolutional VAE's convolutions. A diagnosis beside the whole step, not a model. Three runtimes: dl4j-lvm's
 * ({@code HostConvolutionLayer}, {@code HostDeconvolution2D}), DL4J's own layers, and ND4J's {@code conv2d},
 * {@code deconv2d} ops and their {@code _bp} ops called directly, which run on oneDNN when the nd4j-native build
 * loaded is a oneDNN one ({@code -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2} and the examples built with
 * {@code -P onednn}). All three share one set of weights.
 */
public final class ConvolutionCases {
    /** The cases' name. */
    public static final String NAME = "conv-vae-convolutions";
    /** The implementation name of the ND4J ops. */
    public static final String ND4J_OPS = "ND4J ops";
    private static final int BATCH = 128;
    private static final int KERNEL = 4;
    /** Channels of the chain's activations, image side halving then doubling: 1, 32, 64, 32, 1. */
    private static final int[] CHANNELS = {1, 32, 64, 32, 1};
    private static final int[] SIDES = {28, 14, 7, 14, 28};
    private static final long SEED = 12345;

    private final MultiLayerNetwork host = network(true);
    /** The convolutional VAE's parameter count, by which the cases run on the BLAS threads its training takes. */
    private final long vaeParameters = convolutionalVaeParameters();
    private final INDArray input;
    private final INDArray outputGradient;

    public ConvolutionCases() {
        Nd4j.getRandom().setSeed(SEED);
        input = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        outputGradient = Nd4j.randn(DataType.FLOAT, BATCH, 1, 28, 28);
    }

    /** dl4j-lvm's convolution runtime. */
    public BenchCase hostLayers() {
        return layerCase(Measurement.DL4J, host);
    }

    /** DL4J's own convolution layers, with the same weights. */
    public BenchCase builtInLayers() {
        return layerCase(Measurement.BUILT_IN, builtIn());
    }

    /** ND4J's convolution ops and their backprop ops, with the same weights. */
    public BenchCase nd4jOps() {
        OpChain chain = new OpChain(host);
        return new BenchCase(NAME, ND4J_OPS, BATCH, flops(), vaeParameters, () -> chain.step(input, outputGradient));
    }

    /** Output and input gradient of dl4j-lvm's runtime: {@code [output, dL/dinput]}, for checks. */
    INDArray[] hostResult() {
        return layerResult(host);
    }

    /** Output and input gradient of DL4J's own layers. */
    INDArray[] builtInResult() {
        return layerResult(builtIn());
    }

    /** Output and input gradient of the ND4J ops. */
    INDArray[] opsResult() {
        return new OpChain(host).step(input, outputGradient);
    }

    /** DL4J's own layers with the host network's weights. */
    private MultiLayerNetwork builtIn() {
        MultiLayerNetwork builtIn = network(false);
        builtIn.setParams(host.params());
        return builtIn;
    }

    private BenchCase layerCase(String implementation, MultiLayerNetwork net) {
        return new BenchCase(NAME, implementation, BATCH, flops(), vaeParameters, () -> layerResult(net));
    }

    private INDArray[] layerResult(MultiLayerNetwork net) {
        net.setInput(input);
        List<INDArray> activations = net.feedForward(true, false);
        INDArray output = activations.get(activations.size() - 1).dup();
        INDArray inputGradient = net.backpropGradient(outputGradient, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        return new INDArray[] {output, inputGradient.dup()};
    }

    /** Six FLOPs per multiply-add of the forward pass: forward, input gradient and weight gradient. */
    private static double flops() {
        double multiplyAdds = 0;
        for (int i = 0; i + 1 < CHANNELS.length; i++) {
            int smallerSide = Math.min(SIDES[i], SIDES[i + 1]);
            multiplyAdds += (double) BATCH * smallerSide * smallerSide * CHANNELS[i] * CHANNELS[i + 1] * KERNEL * KERNEL;
        }
        return 6 * multiplyAdds;
    }

    private static long convolutionalVaeParameters() {
        ComputationGraph vae = new ComputationGraph(new VaeGraphBuilder(784, 32)
                .encoder(new ConvolutionalEncoder(28, 28, 1)).decoder(new ConvolutionalDecoder(28, 28)).build());
        vae.init();
        return vae.numParams();
    }

    private static MultiLayerNetwork network(boolean hostRuntime) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(SEED)
                .dataType(DataType.FLOAT).list();
        for (int i = 0; i + 1 < CHANNELS.length; i++) {
            list.layer(i, layer(i, hostRuntime));
        }
        MultiLayerConfiguration conf = list.setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Layer layer(int i, boolean hostRuntime) {
        if (SIDES[i + 1] < SIDES[i]) {
            ConvolutionLayer.Builder builder = new ConvolutionLayer.Builder(KERNEL, KERNEL).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).nOut(CHANNELS[i + 1]).activation(Activation.IDENTITY);
            return hostRuntime ? new HostConvolutionLayer(builder) : builder.build();
        }
        Deconvolution2D.Builder builder = new Deconvolution2D.Builder(KERNEL, KERNEL).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).nOut(CHANNELS[i + 1]).activation(Activation.IDENTITY);
        return hostRuntime ? new HostDeconvolution2D(builder) : builder.build();
    }

    /**
     * The chain as ND4J ops on the network's weights, rearranged once into the ops' layouts ({@code [kH, kW, in, out]}
     * for {@code conv2d}, {@code [kH, kW, out, in]} for {@code deconv2d}), with their output arrays kept.
     */
    private static final class OpChain {
        /** kH, kW, sH, sW, pH, pW, dH, dW, same mode (no: the padding of 1 is given), NCHW, weights [kH, kW, ., .]. */
        private static final int[] ARGUMENTS = {KERNEL, KERNEL, 2, 2, 1, 1, 1, 1, 0, 0, 0};
        private final List<INDArray> weights = new ArrayList<>();
        private final List<INDArray> biases = new ArrayList<>();
        private final List<INDArray> activations = new ArrayList<>();
        private final List<INDArray[]> gradients = new ArrayList<>();

        OpChain(MultiLayerNetwork net) {
            for (int i = 0; i + 1 < CHANNELS.length; i++) {
                // DL4J's layouts: convolution [out, in, kH, kW], transposed convolution [in, out, kH, kW]
                weights.add(net.getLayer(i).getParam("W").permute(2, 3, 1, 0).dup('c'));
                biases.add(net.getLayer(i).getParam("b").reshape(CHANNELS[i + 1]).dup());
                activations.add(Nd4j.create(DataType.FLOAT, BATCH, CHANNELS[i + 1], SIDES[i + 1], SIDES[i + 1]));
                gradients.add(new INDArray[] {Nd4j.create(DataType.FLOAT, BATCH, CHANNELS[i], SIDES[i], SIDES[i]),
                    Nd4j.create(DataType.FLOAT, weights.get(i).shape()), Nd4j.create(DataType.FLOAT, CHANNELS[i + 1])});
            }
        }

        /** Forward and backward; returns the output and the input gradient (kept arrays). */
        INDArray[] step(INDArray input, INDArray outputGradient) {
            INDArray x = input;
            for (int i = 0; i < weights.size(); i++) {
                Nd4j.exec(DynamicCustomOp.builder(op(i)).addInputs(x, weights.get(i), biases.get(i))
                        .addOutputs(activations.get(i)).addIntegerArguments(ARGUMENTS).build());
                x = activations.get(i);
            }
            INDArray delta = outputGradient;
            for (int i = weights.size() - 1; i >= 0; i--) {
                INDArray layerInput = i == 0 ? input : activations.get(i - 1);
                Nd4j.exec(DynamicCustomOp.builder(op(i) + "_bp").addInputs(layerInput, weights.get(i), biases.get(i), delta)
                        .addOutputs(gradients.get(i)).addIntegerArguments(ARGUMENTS).build());
                delta = gradients.get(i)[0];
            }
            return new INDArray[] {activations.get(weights.size() - 1), delta};
        }

        private static String op(int i) {
            return SIDES[i + 1] < SIDES[i] ? "conv2d" : "deconv2d";
        }
    }
}
