package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.dl4jlvm.core.DenseMath;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training runtime of {@link AffineCoupling} with a hand-written backward pass, in place of a SameDiff session per
 * step and direction: for a step of small arrays the session's bookkeeping, not the arithmetic, took most of the time.
 * The parameters are the same views as the SameDiff runtime's ({@code W0, b0, ...}); the inverse and the array API
 * still evaluate the SameDiff definition, and the tests hold both to the same values and to finite differences.
 *
 * <p>Forward, with keep mask m and t = 1 - m: {@code h = MLP(x m) = [raw | shift]},
 * {@code th = tanh(raw / B)}, {@code s = B th t}, {@code y = x e^s + shift t}, {@code logDet += sum(s)}.
 * Backward, for {@code [dy | dl]}: {@code ds = (dy x e^s + dl) t}, {@code draw = ds (1 - th^2)},
 * {@code dshift = dy t}, then through the MLP to {@code d(x m)}, and {@code dx = dy e^s + d(x m) m}. The MLP runs on
 * ND4J arrays and OpenBLAS; the elementwise part around it is {@link AffineArithmetic}, Java loops.
 */
public class AffineCouplingLayerImpl extends SameDiffLayer {
    /** The elementwise part, made with the mask on first use; holds what the backward pass needs. */
    private AffineArithmetic arithmetic;
    /** True between a training forward pass and its backward pass. */
    private boolean forwardDone;
    /** Per conditioner layer, {weights, bias} views of the parameter array and of its gradient. */
    private final ConditionerViews parameterViews = new ConditionerViews();
    private final ConditionerViews gradientViews = new ConditionerViews();
    /** Kept from the training forward pass: the MLP's pre-activations (where needed) and activations. */
    private final List<INDArray> preActivations = new ArrayList<>();
    private final List<INDArray> activations = new ArrayList<>();

    public AffineCouplingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private AffineCoupling step() {
        return (AffineCoupling) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        AffineCoupling step = step();
        step.validateInput(input);
        INDArray output;
        // everything the backward pass keeps lives in the activations workspace, open until backprop ends
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            INDArray h = conditioner(arithmetic().maskedInput(input));
            output = arithmetic.output(h);
            forwardDone = true;
        }
        return output;
    }

    private AffineArithmetic arithmetic() {
        if (arithmetic == null) {
            AffineCoupling step = step();
            int[] mask = step.getMask();
            boolean[] kept = new boolean[mask.length];
            for (int j = 0; j < mask.length; j++) {
                kept[j] = mask[j] != 0;
            }
            arithmetic = new AffineArithmetic(kept, step.getLogScaleBound(), step.isLogDetCarried());
        }
        return arithmetic;
    }

    /** The conditioner MLP on the masked input, keeping what the backward pass needs. */
    private INDArray conditioner(INDArray masked) {
        preActivations.clear();
        activations.clear();
        IActivation activation = step().getActivation().getActivationFunction();
        boolean fromOutput = DenseMath.derivativeFromOutput(activation);
        List<INDArray[]> parameters = parameterViews.of(paramTable.get(Conditioner.PARAMETERS));
        int layers = parameters.size();
        INDArray h = masked;
        activations.add(h);
        for (int layer = 0; layer < layers; layer++) {
            INDArray weights = parameters.get(layer)[0];
            h = DenseMath.preActivation(h, weights, parameters.get(layer)[1],
                    Nd4j.createUninitialized(h.dataType(), h.size(0), weights.size(1)));
            if (layer < layers - 1) {
                preActivations.add(fromOutput ? null : h.dup());
                h = activation.getActivation(h, true);
                activations.add(h);
            }
        }
        return h;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!forwardDone) {
            throw new IllegalStateException(step().getLayerName() + ": backpropGradient before a training forward pass");
        }
        INDArray maskedGradient = backpropConditioner(arithmetic.conditionerGradient(epsilon));
        INDArray inputGradient = arithmetic.inputGradient(maskedGradient);
        Gradient gradient = new DefaultGradient();
        for (String param : paramTable.keySet()) {
            gradient.gradientForVariable().put(param, gradTable.get(param));
        }
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
    }

    /** Writes the parameter gradients into their views; returns the gradient of the masked input. */
    private INDArray backpropConditioner(INDArray dOut) {
        IActivation activation = step().getActivation().getActivationFunction();
        List<INDArray[]> parameters = parameterViews.of(paramTable.get(Conditioner.PARAMETERS));
        List<INDArray[]> gradients = gradientViews.of(gradTable.get(Conditioner.PARAMETERS));
        INDArray delta = dOut;
        for (int layer = activations.size() - 1; layer > 0; layer--) {
            DenseMath.parameterGradients(activations.get(layer), delta, gradients.get(layer)[0], gradients.get(layer)[1]);
            INDArray below = DenseMath.product(delta, parameters.get(layer)[0], true);
            delta = preActivations.get(layer - 1) == null
                    ? DenseMath.deltaFromOutput(activation, activations.get(layer), below)
                    : activation.backprop(preActivations.get(layer - 1), below).getFirst();
        }
        DenseMath.parameterGradients(activations.get(0), delta, gradients.get(0)[0], gradients.get(0)[1]);
        return DenseMath.product(delta, parameters.get(0)[0], true);
    }

    @Override
    public void clear() {
        super.clear();
        forwardDone = false;
        preActivations.clear();
        activations.clear();
    }

    /** The views of the array last seen, made again when DL4J hands the layer another array. */
    private final class ConditionerViews {
        private INDArray source;
        private List<INDArray[]> views;

        List<INDArray[]> of(INDArray array) {
            if (array != source) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    views = step().conditioner().views(array);
                }
                source = array;
            }
            return views;
        }
    }
}
