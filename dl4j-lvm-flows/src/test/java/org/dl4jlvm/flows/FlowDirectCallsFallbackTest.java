package org.dl4jlvm.flows;

import static org.dl4jlvm.DirectCalls.gradientAndScore;
import static org.dl4jlvm.DirectCalls.relativeDifference;
import static org.dl4jlvm.DirectCalls.trained;
import static org.dl4jlvm.DirectCalls.withoutDirectCalls;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.training.HostAdam;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The flows' fallback paths (ND4J's ops for the coupling arithmetic through HostMatrix, products and sums, and
 * ND4J's Adam), which another backend or data type takes, run on the CPU with the direct paths off and agree with
 * them: gradients in double and the gradient check for every chain, and a short float training run of each kind.
 */
class FlowDirectCallsFallbackTest {

    @TestFactory
    List<DynamicTest> everyChainHasTheSameGradientsWithoutTheDirectPaths() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String chain : FlowGraphs.chains().keySet()) {
            tests.add(DynamicTest.dynamicTest(chain, () -> {
                MultiDataSet batch = new MultiDataSet(new INDArray[] {FlowGraphs.inputs(3, 5)},
                        new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)});
                INDArray direct = gradientAndScore(FlowGraphs.chains().get(chain).get(), batch);
                INDArray fallback = withoutDirectCalls(() -> gradientAndScore(FlowGraphs.chains().get(chain).get(), batch));
                assertTrue(relativeDifference(direct, fallback) < 1e-12, "gradient and score: " + relativeDifference(direct, fallback));
                assertTrue(withoutDirectCalls(() -> GradientChecks.check(FlowGraphs.chains().get(chain).get(),
                        batch.getFeatures(), batch.getLabels(), true)), "gradient check without the direct paths");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> aShortFloatTrainingRunEndsAtTheSameParameters() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FlowGraphBuilder.Kind kind : FlowGraphBuilder.Kind.values()) {
            tests.add(DynamicTest.dynamicTest(kind.name(), () -> {
                INDArray x = Density2D.MOONS.sample(128, 3, DataType.FLOAT);
                MultiDataSet batch = new MultiDataSet(new INDArray[] {x}, new INDArray[] {Nd4j.zeros(DataType.FLOAT, 128, 1)});
                INDArray start = graph(kind, new Sgd(0.01)).params();
                INDArray direct = trained(graph(kind, new Sgd(0.01)), batch, 30);
                INDArray fallback = withoutDirectCalls(() -> trained(graph(kind, new Sgd(0.01)), batch, 30));
                assertTrue(relativeDifference(direct, start) > 1e-3, "training moved the parameters");
                // float rounding in another order of summation, over 30 SGD steps: at most 4e-8 measured (Adam's
                // m / sqrt(v) turns the rounding of near-zero gradients into whole steps, 3e-3 apart under Haswell).
                // A rate at which every kind trains stably: at 0.05 NSF-AR's NLL rose again after 25 steps, and a
                // difference of 6e-9 after one step grew 1.6-fold a step to 7e-4, as any rounding would
                // (OPENBLAS_CORETYPE unset); at 0.01 it stays small
                assertTrue(relativeDifference(direct, fallback) < 1e-5, kind + " parameters: " + relativeDifference(direct, fallback));
                // and HostAdam's fallback, ND4J's Adam, trains (HostAdamTest holds its updates to the Java loop's)
                ComputationGraph adam = graph(kind, new HostAdam(1e-3));
                double before = withoutDirectCalls(() -> score(adam, batch));
                withoutDirectCalls(() -> trained(adam, batch, 30));
                double after = withoutDirectCalls(() -> score(adam, batch));
                assertTrue(after < before, "NLL " + before + " -> " + after);
            }));
        }
        return tests;
    }

    private static ComputationGraph graph(FlowGraphBuilder.Kind kind, IUpdater updater) {
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(kind, 2).steps(4).hidden(16, 16).seed(6)
                .updater(updater).build());
        graph.init();
        return graph;
    }

    private static double score(ComputationGraph graph, MultiDataSet batch) {
        return graph.score(batch);
    }
}
