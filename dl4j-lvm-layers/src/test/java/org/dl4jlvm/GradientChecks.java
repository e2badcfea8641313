package org.dl4jlvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs DL4J's finite-difference gradient check on a DOUBLE graph, re-seeding the RNG before every evaluation. */
public final class GradientChecks {
    private GradientChecks() {
    }

    public static void assertGradientsMatch(ComputationGraph graph, INDArray[] inputs, INDArray[] labels) {
        assertTrue(check(graph, inputs, labels, true), "analytic gradients differ from finite differences");
    }

    /**
     * The same for at most {@code maxPerParam} entries of each parameter array, spread over it (DL4J's subset
     * check): for graphs whose every forward pass is expensive.
     */
    public static void assertGradientsMatch(ComputationGraph graph, INDArray[] inputs, INDArray[] labels, int maxPerParam) {
        assertTrue(check(graph, inputs, labels, true, maxPerParam, Set.of()), "analytic gradients differ from finite differences");
    }

    /**
     * The same for every parameter but {@code excluded} (DL4J's parameter keys, {@code layer_param}): running
     * statistics of batch normalisation, which are updated by the forward pass rather than by a gradient.
     */
    public static void assertGradientsMatch(ComputationGraph graph, INDArray[] inputs, INDArray[] labels, Set<String> excluded) {
        assertTrue(check(graph, inputs, labels, true, 0, excluded), "analytic gradients differ from finite differences");
    }

    /** The gradient check's verdict; {@code reseed} re-seeds the RNG before every evaluation. */
    public static boolean check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels, boolean reseed) {
        return check(graph, inputs, labels, reseed, 0, Set.of());
    }

    /**
     * The finite difference {@code (score(p + e) - score(p - e)) / 2e} rounds each score to about {@code |score| 2^-52}, so
     * it cannot resolve a gradient error below {@code |score| 2^-52 / e}: 2.7e-9 for the 12-nat score of an 8-D flow
     * at e = 1e-6, where one parameter of 859 missed 1e-9 by 1.5e-9 (gradient 3.3e-5, the two scores 6.6e-11 apart).
     * The absolute tolerance is 1e-9, or that resolution where it is coarser.
     */
    static double absoluteTolerance(double score, double epsilon) {
        return Math.max(1e-9, Math.abs(score) * Math.ulp(1.0) / epsilon);
    }

    private static boolean check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels, boolean reseed,
            int maxPerParam, Set<String> excluded) {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            if (reseed) {
                Nd4j.getRandom().setSeed(12345);
            }
            double score = graph.score(new org.nd4j.linalg.dataset.MultiDataSet(inputs, labels), true);
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(graph).inputs(inputs).labels(labels)
                    .subset(maxPerParam > 0).maxPerParam(maxPerParam).excludeParams(excluded)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(absoluteTolerance(score, 1e-6))
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                    .callEachIter(g -> {
                        if (reseed) {
                            Nd4j.getRandom().setSeed(12345);
                        }
                    }));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }
}
