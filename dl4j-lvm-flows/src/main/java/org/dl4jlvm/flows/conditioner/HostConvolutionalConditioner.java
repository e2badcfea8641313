package org.dl4jlvm.flows.conditioner;

import java.util.Arrays;
import java.util.Map;
import org.dl4jlvm.core.DenseMath;
import org.dl4jlvm.core.SamePaddedConvolution;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CPU runtime of a {@link ConvolutionalConditioner}: each convolution by {@link SamePaddedConvolution} (patches and
 * one OpenBLAS product, forward and backward), the activation between them by ND4J, and the kept-coordinate mask on the
 * way in and on the input gradient. Its weights are the SameDiff definition's ({@code [k, k, in, out]}), read as
 * {@code [out, in, k, k]} for the products. Why: SameDiff's {@code conv2d} and its backprop took 92% of a multi-scale
 * flow's training step on this project's machine.
 */
final class HostConvolutionalConditioner implements HostConditioner {
    private final int[] kernels;
    private final int[] widths;
    private final long[] imageShape;
    private final INDArray keptRow;
    private final IActivation activation;
    private final boolean fromOutput;
    private final SamePaddedConvolution[] convolutions;
    /** From the last forward pass, per layer: its input, its weights as {@code [out, in, k, k]}, its pre-activation. */
    private final INDArray[] inputs;
    private final INDArray[] weights;
    private final INDArray[] preActivations;
    /** Per layer, the weight gradient as {@code [out, in, k, k]}, before it is written in the parameters' layout. */
    private final INDArray[] weightGradients;

    HostConvolutionalConditioner(int height, int width, double[] kept, int[] kernels, int[] widths,
            IActivation activation) {
        this.kernels = kernels.clone();
        this.widths = widths.clone();
        this.imageShape = new long[] {widths[0], height, width};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.keptRow = Nd4j.createFromArray(kept).reshape(1, kept.length);
        }
        this.activation = activation;
        this.fromOutput = DenseMath.derivativeFromOutput(activation);
        this.convolutions = new SamePaddedConvolution[kernels.length];
        for (int layer = 0; layer < kernels.length; layer++) {
            convolutions[layer] = new SamePaddedConvolution(widths[layer], height, width, kernels[layer]);
        }
        this.inputs = new INDArray[kernels.length];
        this.weights = new INDArray[kernels.length];
        this.preActivations = new INDArray[kernels.length];
        this.weightGradients = new INDArray[kernels.length];
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        long n = input.size(0);
        INDArray h = input.mul(keptRow.castTo(input.dataType())).reshape('c', n, imageShape[0], imageShape[1], imageShape[2]);
        int last = kernels.length - 1;
        for (int layer = 0; layer <= last; layer++) {
            inputs[layer] = h;
            weights[layer] = parameters.get(ConvolutionalConditioner.weights(layer)).permute(3, 2, 0, 1).dup('c');
            INDArray z = convolutions[layer].forward(h, weights[layer], parameters.get(ConvolutionalConditioner.bias(layer)),
                    true);
            if (layer == last) {
                return z.reshape('c', n, z.length() / n);
            }
            preActivations[layer] = fromOutput ? null : z.dup();
            h = activation.getActivation(z.dup(), true);
        }
        throw new IllegalStateException("a conditioner has at least one convolution");
    }

    @Override
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        int last = kernels.length - 1;
        INDArray delta = dOutput.reshape('c', inputs[last].size(0), widths[last + 1], imageShape[1], imageShape[2]);
        for (int layer = last; layer >= 0; layer--) {
            if (layer < last) {
                delta = fromOutput ? DenseMath.deltaFromOutput(activation, inputs[layer + 1], delta)
                        : activation.backprop(preActivations[layer], delta).getFirst();
            }
            if (weightGradients[layer] == null || weightGradients[layer].dataType() != weights[layer].dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    weightGradients[layer] = weights[layer].ulike();
                }
            }
            INDArray below = convolutions[layer].backward(inputs[layer], weights[layer], delta, weightGradients[layer],
                    gradients.get(ConvolutionalConditioner.bias(layer)));
            gradients.get(ConvolutionalConditioner.weights(layer)).assign(weightGradients[layer].permute(2, 3, 1, 0));
            delta = below;
        }
        long n = delta.size(0);
        return delta.reshape('c', n, delta.length() / n).mul(keptRow.castTo(delta.dataType()));
    }

    @Override
    public void clear() {
        Arrays.fill(inputs, null);
        Arrays.fill(weights, null);
        Arrays.fill(preActivations, null);
    }
}
