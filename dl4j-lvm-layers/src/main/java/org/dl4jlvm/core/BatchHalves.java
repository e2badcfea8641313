package org.dl4jlvm.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link HostRuntime} that runs two copies of another on the two halves of a batch at once, one on the calling
 * thread and one on the common fork-join pool ({@link CoreRanges}), and adds the second half's parameter gradients to
 * the first's: the same function, its gradient sums rounded in another order. Batches of fewer than
 * {@code minimumExamples} examples, and machines of one core, run on the first copy alone. Why: a multi-scale flow's
 * steps (convolutional conditioners whose products are too small for OpenBLAS to gain from a second thread, see
 * {@code SerialBlocks}, and Java loops around them) kept one of the build machine's two cores idle for most of a
 * training step.
 */
public final class BatchHalves implements HostRuntime {
    private final HostRuntime[] halves;
    private final long minimumExamples;
    /** The second half's parameter gradients, kept between iterations. */
    private final Map<String, INDArray> secondGradients = new HashMap<>();
    /** Examples in the first half of the last forward pass, or 0 when it ran whole. */
    private long firstHalf;

    private BatchHalves(HostRuntime first, HostRuntime second, long minimumExamples) {
        this.halves = new HostRuntime[] {first, second};
        this.minimumExamples = minimumExamples;
    }

    /**
     * {@code first} and a copy from {@code copies}, splitting batches of at least {@code minimumExamples} (at least
     * 2); {@code first} alone when {@code minimumExamples} is {@link Long#MAX_VALUE} (never split).
     */
    public static HostRuntime of(HostRuntime first, Supplier<? extends HostRuntime> copies, long minimumExamples) {
        return minimumExamples == Long.MAX_VALUE ? first
                : new BatchHalves(first, copies.get(), Math.max(2, minimumExamples));
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        long n = input.size(0);
        firstHalf = n >= minimumExamples && CoreRanges.cores() > 1 ? n / 2 : 0;
        if (firstHalf == 0) {
            return halves[0].forward(input, parameters);
        }
        INDArray whole = MatrixRows.withContiguousRows(input);
        INDArray[] outputs = new INDArray[2];
        CoreRanges.run(2, 2, (part, first, end) -> outputs[part] = halves[part].forward(half(whole, part), parameters));
        return Nd4j.concat(0, outputs);
    }

    @Override
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        if (firstHalf == 0) {
            return halves[0].backward(dOutput, gradients);
        }
        INDArray whole = MatrixRows.withContiguousRows(dOutput);
        Map<String, INDArray> second = secondGradients(gradients);
        INDArray[] inputGradients = new INDArray[2];
        CoreRanges.run(2, 2, (part, first, end) -> inputGradients[part] = halves[part].backward(half(whole, part),
                part == 0 ? gradients : second));
        if (gradients != null) {
            gradients.forEach((name, gradient) -> gradient.addi(second.get(name)));
        }
        return Nd4j.concat(0, inputGradients);
    }

    @Override
    public void clear() {
        halves[0].clear();
        halves[1].clear();
    }

    /** Rows {@code [0, firstHalf)} or the rest of a c-ordered matrix, as a view. */
    private INDArray half(INDArray matrix, int part) {
        return part == 0 ? MatrixRows.rows(matrix, 0, firstHalf) : MatrixRows.rows(matrix, firstHalf, matrix.size(0));
    }

    /**
     * Arrays for the second half's gradients, of the shapes and types of {@code gradients}, outside any workspace; null
     * for a layer without parameters (null gradients).
     */
    private Map<String, INDArray> secondGradients(Map<String, INDArray> gradients) {
        if (gradients == null) {
            return null;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            gradients.forEach((name, gradient) -> {
                INDArray kept = secondGradients.get(name);
                if (kept == null || !kept.equalShapes(gradient) || kept.dataType() != gradient.dataType()) {
                    secondGradients.put(name, Nd4j.create(gradient.dataType(), gradient.shape()));
                }
            });
        }
        return secondGradients;
    }
}
