package org.dl4jlvm.flows.conditioner;

import java.util.Arrays;
import java.util.Map;
import org.dl4jlvm.core.DenseMath;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU runtime of a {@link ConvolutionalConditioner}: every layer a {@link RowsConvolution} on images kept as
 * {@link PixelRows} from the masked input to the last layer's output (one conversion from and one to flat NCHW rows
 * each way), the activation between layers by ND4J, the kept-coordinate mask on the way in and on the input gradient.
 * Same parameters as the SameDiff definition ({@code [k, k, in, out]}). Why: SameDiff's {@code conv2d} and its backprop
 * took 92% of a multi-scale flow's training step on this project's machine, and gathering patches (im2col) in Java
 * most of what remained.
 */
final class HostConvolutionalConditioner implements HostConditioner {
    /**
     * Batches of at least this many pixels (examples times H W) run as two halves at once: the products are below the
     * size from which OpenBLAS would use a second core ({@code SerialBlocks}).
     */
    static final long HALVES_FROM_PIXELS = 2_048;
    private final int[] widths;
    private final PixelRows layout;
    private final RowsConvolution[] convolutions;
    private final INDArray keptRow;
    private final IActivation activation;
    private final boolean fromOutput;
    /** Per layer, its input in the last forward pass (layer 0: the masked x), and the output of the last layer. */
    private final INDArray[] inputs;
    private INDArray output;
    /** Per hidden layer, its pre-activation, kept where the activation's derivative needs it. */
    private final INDArray[] preActivations;
    /** Backward work buffers: per layer, the gradient of its output. */
    private final INDArray[] deltas;
    private INDArray inputGradient;
    /** The parameters of the last forward pass. */
    private Map<String, INDArray> parameters;

    HostConvolutionalConditioner(int height, int width, double[] kept, int[] kernels, int[] widths, IActivation activation) {
        this.widths = widths.clone();
        this.layout = new PixelRows(height, width);
        this.convolutions = new RowsConvolution[kernels.length];
        for (int layer = 0; layer < kernels.length; layer++) {
            convolutions[layer] = RowsConvolution.of(layout, kernels[layer], widths[layer], widths[layer + 1]);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.keptRow = Nd4j.createFromArray(kept).reshape(1, kept.length);
        }
        this.activation = activation;
        this.fromOutput = DenseMath.derivativeFromOutput(activation);
        this.inputs = new INDArray[kernels.length];
        this.preActivations = new INDArray[kernels.length];
        this.deltas = new INDArray[kernels.length];
    }

    /** The buffers for n examples of this type, made again when the batch size or type changes. */
    private void buffers(INDArray input) {
        long n = input.size(0);
        if (output != null && output.size(0) == n * layout.pixels() && output.dataType() == input.dataType()) {
            return;
        }
        for (int layer = 0; layer < convolutions.length; layer++) {
            inputs[layer] = layout.allocate(input.dataType(), n, widths[layer]);
            deltas[layer] = layout.allocate(input.dataType(), n, widths[layer + 1]);
        }
        output = layout.allocate(input.dataType(), n, widths[convolutions.length]);
        inputGradient = layout.allocate(input.dataType(), n, widths[0]);
    }

    private static String weights(int layer) {
        return ConvolutionalConditioner.weights(layer);
    }

    private static String bias(int layer) {
        return ConvolutionalConditioner.bias(layer);
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        buffers(input);
        this.parameters = parameters;
        layout.fromImages(input.mul(keptRow.castTo(input.dataType())), inputs[0]);
        int last = convolutions.length - 1;
        for (int layer = 0; layer <= last; layer++) {
            INDArray z = layer == last ? output : inputs[layer + 1];
            convolutions[layer].forward(inputs[layer], parameters.get(weights(layer)), parameters.get(bias(layer)), z);
            if (layer < last) {
                preActivations[layer] = fromOutput ? null : z.dup();
                activation.getActivation(z, true);
            }
        }
        return layout.toImages(output);
    }

    @Override
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        int last = convolutions.length - 1;
        layout.fromImages(dOutput, deltas[last]);
        for (int layer = last; layer >= 0; layer--) {
            INDArray below = layer == 0 ? inputGradient : deltas[layer - 1];
            convolutions[layer].backward(inputs[layer], parameters.get(weights(layer)), deltas[layer],
                    gradients.get(weights(layer)), gradients.get(bias(layer)), below);
            if (layer > 0) {
                INDArray delta = fromOutput ? DenseMath.deltaFromOutput(activation, inputs[layer], below)
                        : activation.backprop(preActivations[layer - 1], below).getFirst();
                if (delta != below) {
                    below.assign(delta);
                }
            }
        }
        return layout.toImages(inputGradient).muli(keptRow.castTo(dOutput.dataType()));
    }

    @Override
    public long halvesFrom() {
        return (HALVES_FROM_PIXELS + layout.pixels() - 1) / layout.pixels();
    }

    @Override
    public void clear() {
        Arrays.fill(preActivations, null);
        parameters = null;
    }
}
