package org.dl4jlvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The gradient check's verdict; {@code reseed} re-seeds the RNG before every evaluation. */
    public static boolean check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels, boolean reseed) {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(graph).inputs(inputs).labels(labels)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
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
