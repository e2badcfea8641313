package org.dl4jlvm.core;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime of {@link Dense}. Forward: {@code y = f(x W + b)}, with the product written straight into the
 * activations array. Backward, with {@code delta = epsilon * f'(z)} taken from the kept output {@code y}
 * ({@code y > 0} for ReLU, {@code 1 - y^2} for tanh, {@code y (1 - y)} for sigmoid, 1 for identity; any other
 * activation recomputes z): {@code dW = x^T delta}, {@code db = sum_rows(delta)}, {@code dx = delta W^T}.
 */
public class DenseImpl extends BaseLayer<Dense> {
    private INDArray output;

    public DenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = preOutput(training, workspaceMgr);
        output = layerConf().getActivationFn().getActivation(z, training);
        return output;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training,
            boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr);
        INDArray x = input.castTo(weights.dataType());
        Checks.width("Dense '" + layerConf().getLayerName() + "' input", x, weights.size(0));
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), x.size(0), weights.size(1));
        DenseMath.preActivation(x, weights, bias, z);
        return new Pair<>(z, z);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray delta = delta(epsilon, workspaceMgr);
        INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        DenseMath.parameterGradients(input.castTo(weightGradient.dataType()), delta, weightGradient, biasGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray inputGradient;
        if (layerConf().isInputGradient()) {
            inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), delta.size(0),
                    weights.size(0));
            Blas.gemm(delta, weights, inputGradient, false, true, 1.0, 0.0);
        } else {
            inputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, delta.dataType(), delta.size(0), weights.size(0));
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGradient);
    }

    /** {@code epsilon * f'(z)}, from the kept output where the activation allows, else from a recomputed z. */
    private INDArray delta(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        IActivation activation = layerConf().getActivationFn();
        if (output != null && output.equalShapes(epsilon) && DenseMath.derivativeFromOutput(activation)) {
            try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.BP_WORKING_MEM)) {
                return DenseMath.deltaFromOutput(activation, output, epsilon);
            }
        }
        return activation.backprop(preOutput(true, workspaceMgr), epsilon).getFirst();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public void clear() {
        super.clear();
        output = null;
    }
}
