package org.dl4jlvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.dl4jlvm.core.Blas;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the same work with the direct paths ({@link Blas}, the dense and coupling arithmetic on the heap,
 * {@code HostAdam}'s loop) on and off, as another backend or data type would take them, for tests that compare the two.
 */
public final class DirectCalls {
    private DirectCalls() {
    }

    /** The value of {@code work} with the direct paths off; they are on again afterwards. */
    public static <T> T withoutDirectCalls(Supplier<T> work) {
        assertTrue(Blas.directCalls(), "the direct paths are on by default");
        Blas.setDirectCalls(false);
        try {
            return work.get();
        } finally {
            Blas.setDirectCalls(true);
        }
    }

    /** The gradient (a copy) and score of a graph on one batch, with the RNG seeded for any sampling noise. */
    public static INDArray gradientAndScore(ComputationGraph graph, MultiDataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        Nd4j.getRandom().setSeed(321);
        graph.computeGradientAndScore();
        INDArray gradient = graph.gradient().gradient().dup();
        return Nd4j.concat(1, gradient.reshape(1, gradient.length()),
                Nd4j.scalar(gradient.dataType(), graph.score()).reshape(1, 1));
    }

    /**
     * Asserts that fresh graphs from {@code graph} give the same gradient and score on {@code batch} with the direct
     * paths on as with them off (the definitions), within 1e-12 relative to the largest entry: for double graphs.
     */
    public static void assertCpuPathIsTheDefinition(Supplier<ComputationGraph> graph, MultiDataSet batch) {
        INDArray cpu = gradientAndScore(graph.get(), batch);
        INDArray definition = withoutDirectCalls(() -> gradientAndScore(graph.get(), batch));
        double difference = relativeDifference(definition, cpu);
        assertTrue(difference < 1e-12, "gradient and score differ by " + difference);
    }

    /** The parameters (a copy) after {@code iterations} fits on the batch, with the RNG seeded before each. */
    public static INDArray trained(ComputationGraph graph, MultiDataSet batch, int iterations) {
        for (int i = 0; i < iterations; i++) {
            Nd4j.getRandom().setSeed(1000 + i);
            graph.fit(batch);
        }
        return graph.params().dup();
    }

    /** max |a - b| / max |a|. */
    public static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(a.amaxNumber().doubleValue(), 1e-300);
    }
}
