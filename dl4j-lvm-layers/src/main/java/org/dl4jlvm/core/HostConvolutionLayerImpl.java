package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link HostConvolutionLayer}: DL4J's convolution runtime with the forward and backward pass replaced. */
public class HostConvolutionLayerImpl extends ConvolutionLayer {
    private final HostConvolution convolution = new HostConvolution();
    private IndexMap patches;
    private long[] patchesFor;

    public HostConvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fast() {
        return HostConvolution.serves(layerConf(), input, dataType, convolutionMode);
    }

    /** The patches of inputs of this shape, built once per shape; {@code {outH, outW}} in {@code outSize}. */
    private IndexMap patches(int[] outSize) {
        int[] kernel = layerConf().getKernelSize();
        int[] strides = layerConf().getStride();
        int height = (int) input.size(2);
        int width = (int) input.size(3);
        int[] size = ConvolutionUtils.getOutputSize(input, kernel, strides,
                convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same ? null : layerConf().getPadding(),
                convolutionMode, layerConf().getDilation(), layerConf().getCnn2dDataFormat());
        outSize[0] = size[0];
        outSize[1] = size[1];
        long[] key = {input.size(1), height, width};
        if (patches == null || !java.util.Arrays.equals(key, patchesFor)) {
            int[] pad = convolutionMode == org.deeplearning4j.nn.conf.ConvolutionMode.Same
                    ? ConvolutionUtils.getSameModeTopLeftPadding(size, new int[] {height, width}, kernel, strides, layerConf().getDilation())
                    : layerConf().getPadding();
            patches = IndexMap.patches((int) input.size(1), height, width, kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1],
                    size[0], size[1]);
            patchesFor = key;
        }
        return patches;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        validateInputDepth(layerConf().getNIn());
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        int[] outSize = new int[2];
        IndexMap geometry = patches(outSize);
        INDArray z;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            z = convolution.forward(input, weights, bias, geometry, outSize[0], outSize[1], training);
        }
        return new Pair<>(HostConvolution.activations(z, workspaceMgr), null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray z = convolution.preActivation(input);
        if (z == null) {
            z = preOutput(true, true, workspaceMgr).getFirst();
        }
        INDArray delta = ReluBackprop.delta(layerConf().getActivationFn(), z, epsilon.castTo(dataType));
        IndexMap geometry = patches(new int[2]);
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray inputGradient = HostConvolution.inputGradient(input, weights.dataType(), workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            convolution.backward(input, weights, delta, geometry, weightGradient, biasGradient, inputGradient);
        }
        weightNoiseParams.clear();
        return HostConvolution.gradients(weightGradient, biasGradient, inputGradient);
    }
}
