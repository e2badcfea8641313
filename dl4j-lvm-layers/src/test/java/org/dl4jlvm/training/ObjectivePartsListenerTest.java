package org.dl4jlvm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jlvm.TestData;
import org.dl4jlvm.core.NonFiniteScoreException;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** The reported parts add up to the score DL4J computed, every reported iteration lands in the CSV, and NaN stops training. */
class ObjectivePartsListenerTest {
    private static final int D = 12;

    private static ComputationGraph vae(org.nd4j.linalg.learning.config.IUpdater updater) {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(D, 3).encoderSizes(16).decoderSizes(16)
                .likelihood(new BernoulliLikelihood()).warmupIterations(10)
                .updater(updater).dataType(DataType.DOUBLE).seed(3).build());
        graph.init();
        return graph;
    }

    private static DataSetIterator binary(int batch) {
        INDArray x = TestData.binary(64, D, 5, DataType.DOUBLE);
        return new TestDataSetIterator(new DataSet(x, x), batch);
    }

    @Test
    void theVaePartsAddUpToTheScoreAndFillTheCsv(@TempDir Path folder) throws Exception {
        ComputationGraph graph = vae(new Adam(1e-2));
        Path csv = folder.resolve("parts.csv");
        graph.setListeners(new ObjectivePartsListener(new VaeObjectiveParts(graph), 2, csv));
        graph.fit(new UnsupervisedIterator(graph, binary(16)), 3);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,epoch,score,reconstruction,kl,beta", lines.get(0));
        assertEquals(1 + 6, lines.size(), "12 iterations reported every 2: " + lines);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int iteration = Integer.parseInt(cells[0]);
            double score = Double.parseDouble(cells[2]);
            double reconstruction = Double.parseDouble(cells[3]);
            double kl = Double.parseDouble(cells[4]);
            double beta = Double.parseDouble(cells[5]);
            assertEquals(Math.min(1.0, (iteration + 1) / 10.0), beta, 1e-12, "beta warms up over 10 iterations: " + line);
            assertTrue(kl >= 0, line);
            assertEquals(score, reconstruction + beta * kl, 1e-9 * score, "score = reconstruction + beta kl: " + line);
        }
    }

    @Test
    void aDivergingRunStopsWithAClearMessageBeforeTheBadUpdate() {
        ComputationGraph graph = vae(new Sgd(1e8));
        graph.setListeners(new ObjectivePartsListener(new VaeObjectiveParts(graph), 1, null));
        NonFiniteScoreException stop = assertThrows(NonFiniteScoreException.class,
                () -> graph.fit(new UnsupervisedIterator(graph, binary(16)), 50));
        // the listener stops a NaN gradient; a head stops a non-finite score first (NonFiniteScoreTest)
        assertTrue(stop.getMessage().startsWith("training stopped at iteration ") || stop.getMessage().contains(": the score is "),
                stop.getMessage());
        assertTrue(stop.getMessage().contains("NaN") || stop.getMessage().contains("Infinity"), stop.getMessage());
        assertFalse(BooleanIndexing.or(graph.params(), Conditions.isNan()), "the parameters must stay those of the last finite step");
        assertFalse(BooleanIndexing.or(graph.params(), Conditions.isInfinite()));
    }

    @Test
    void aFrequencyBelowOneIsRejected() {
        ComputationGraph graph = vae(new Adam(1e-3));
        org.dl4jlvm.Rejections.assertMessage(() -> new ObjectivePartsListener(new VaeObjectiveParts(graph), 0, null),
                "frequency", "at least 1", "0");
    }

    /** A gradient entry that is NaN while the score is finite stops training; huge finite gradients do not. */
    @Test
    void aNonFiniteGradientEntryStopsTrainingAndHugeFiniteOnesDoNot() {
        ComputationGraph graph = vae(new Adam(1e-3));
        ObjectivePartsListener listener = new ObjectivePartsListener(new VaeObjectiveParts(graph), 1, null);
        DataSetIterator data = binary(16);
        org.nd4j.linalg.dataset.api.MultiDataSet batch = new UnsupervisedIterator(graph, data).next();
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.computeGradientAndScore();
        INDArray gradient = graph.gradient().gradient();
        gradient.assign(1e307);   // finite, but their sum overflows: the exact count clears them
        listener.onGradientCalculation(graph);
        gradient.putScalar(gradient.length() - 1, Double.NaN);
        NonFiniteScoreException stop = assertThrows(NonFiniteScoreException.class, () -> listener.onGradientCalculation(graph));
        assertTrue(stop.getMessage().contains("the gradient has 1 NaN or infinite entries"), stop.getMessage());
    }
}
