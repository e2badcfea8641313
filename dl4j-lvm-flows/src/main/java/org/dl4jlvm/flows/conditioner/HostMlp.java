package org.dl4jlvm.flows.conditioner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.DenseMath;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU fast path of a {@link MaskedMlp}: its forward pass on ND4J arrays with direct BLAS products, keeping what
 * the backward pass needs, and the backward pass written out: per layer {@code dW = (a^T delta) * M},
 * {@code db = sum delta}, {@code delta_below = act'(z) (delta (W * M)^T)}. Same parameters and masks as the SameDiff
 * definition, which the flow tests compare it with.
 */
final class HostMlp implements HostConditioner {
    private final MaskedMlp network;
    private final IActivation activation;
    private final boolean fromOutput;
    private INDArray[] masks;
    private final Views parameterViews = new Views();
    private final Views gradientViews = new Views();
    /** Per layer, the weights times their mask (the weights themselves where dense), from the last forward pass. */
    private final List<INDArray> effectiveWeights = new ArrayList<>();
    /** Kept from the forward pass: the pre-activations (where the derivative needs them) and activations. */
    private final List<INDArray> preActivations = new ArrayList<>();
    private final List<INDArray> activations = new ArrayList<>();

    HostMlp(MaskedMlp network, IActivation activation) {
        this.network = network;
        this.activation = activation;
        this.fromOutput = DenseMath.derivativeFromOutput(activation);
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        List<INDArray[]> views = parameterViews.of(parameters.get(MaskedMlp.PARAMETERS));
        if (masks == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                masks = network.masks(input.dataType());
            }
        }
        preActivations.clear();
        activations.clear();
        effectiveWeights.clear();
        INDArray h = input;
        activations.add(h);
        int layers = views.size();
        for (int layer = 0; layer < layers; layer++) {
            INDArray weights = masks[layer] == null ? views.get(layer)[0] : views.get(layer)[0].mul(masks[layer]);
            effectiveWeights.add(weights);
            h = DenseMath.preActivation(h, weights, views.get(layer)[1],
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
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        List<INDArray[]> views = gradientViews.of(gradients.get(MaskedMlp.PARAMETERS));
        INDArray delta = dOutput;
        for (int layer = activations.size() - 1; layer >= 0; layer--) {
            DenseMath.parameterGradients(activations.get(layer), delta, views.get(layer)[0], views.get(layer)[1]);
            if (masks[layer] != null) {
                views.get(layer)[0].muli(masks[layer]);
            }
            INDArray below = DenseMath.product(delta, effectiveWeights.get(layer), true);
            if (layer == 0) {
                return below;
            }
            delta = preActivations.get(layer - 1) == null
                    ? DenseMath.deltaFromOutput(activation, activations.get(layer), below)
                    : activation.backprop(preActivations.get(layer - 1), below).getFirst();
        }
        throw new IllegalStateException("a network has at least one layer");
    }

    @Override
    public void clear() {
        preActivations.clear();
        activations.clear();
        effectiveWeights.clear();
    }

    /**
     * The per-layer views of the array last seen, made again when DL4J hands the layer another array; made outside any
     * workspace, so they stay valid while the array does.
     */
    private final class Views {
        private INDArray source;
        private List<INDArray[]> views;

        List<INDArray[]> of(INDArray array) {
            if (array != source) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    views = network.views(array);
                }
                source = array;
            }
            return views;
        }
    }
}
