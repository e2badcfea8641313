package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link HostDeconvolution2D}: DL4J's transposed-convolution runtime with both passes replaced. */
public class HostDeconvolution2DLayerImpl extends Deconvolution2DLayer {
    private final HostConvolution convolution = new HostConvolution();
    private IndexMap patches;
    private long[] patchesFor;
    private int[] outSize;

    public HostDeconvolution2DLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fast() {
        return HostConvolution.serves(layerConf(), input, dataType, convolutionMode);
    }

    /**
     * The patches of the convolution from this layer's output {@code [Co, outH, outW]} back to its input
     * {@code [H, W]}, whose transpose this layer is; built once per input shape.
     */
    private IndexMap patches() {
        long[] key = {input.size(1), input.size(2), input.size(3)};
        if (patches == null || !java.util.Arrays.equals(key, patchesFor)) {
            int[] kernel = layerConf().getKernelSize();
            int[] strides = layerConf().getStride();
            int[] in = {(int) input.size(2), (int) input.size(3)};
            boolean same = convolutionMode == ConvolutionMode.Same;
            outSize = ConvolutionUtils.getDeconvolutionOutputSize(input, kernel, strides, same ? null : layerConf().getPadding(),
                    convolutionMode, layerConf().getDilation(), layerConf().getCnn2dDataFormat());
            int[] pad = same ? ConvolutionUtils.getSameModeTopLeftPadding(in, outSize, kernel, strides, layerConf().getDilation())
                    : layerConf().getPadding();
            patches = IndexMap.patches((int) layerConf().getNOut(), outSize[0], outSize[1], kernel[0], kernel[1], strides[0], strides[1],
                    pad[0], pad[1], in[0], in[1]);
            patchesFor = key;
        }
        return patches;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        INDArray weights = getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = hasBias() ? getParamWithNoise(DeconvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        IndexMap geometry = patches();
        INDArray z;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            z = convolution.transposedForward(input, weights, bias, geometry, outSize[0], outSize[1], training);
        }
        return new Pair<>(HostConvolution.activations(z, workspaceMgr), null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray weights = getParamWithNoise(DeconvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray z = convolution.preActivation(input);
        if (z == null) {
            z = preOutput(true, true, workspaceMgr).getFirst();
        }
        INDArray delta = ReluBackprop.delta(layerConf().getActivationFn(), z, epsilon.castTo(dataType));
        INDArray weightGradient = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = hasBias() ? gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY) : null;
        INDArray inputGradient = HostConvolution.inputGradient(input, weights.dataType(), workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            convolution.transposedBackward(input, weights, delta, patches(), weightGradient, biasGradient, inputGradient);
        }
        weightNoiseParams.clear();
        return HostConvolution.gradients(weightGradient, biasGradient, inputGradient);
    }
}
