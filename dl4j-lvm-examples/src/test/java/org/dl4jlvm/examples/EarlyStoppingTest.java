package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.flows.Flow;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.FlowObjectiveParts;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** Early stopping through DL4J's EarlyStoppingGraphTrainer returns the graph with the best held-out NLL. */
class EarlyStoppingTest {

    @Test
    void theReturnedGraphIsTheBestOneOnTheHeldOutData(@TempDir Path out) throws Exception {
        Density2D moons = Density2D.parse("moons");
        INDArray train = moons.sample(2000, 1, DataType.FLOAT);
        INDArray validation = moons.sample(1000, 2, DataType.FLOAT);
        // a large learning rate makes the held-out NLL jump about, so the best round is rarely the last
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, 2).steps(4)
                .hidden(32, 32).updater(new Adam(2e-2)).seed(5).build());
        graph.init();
        TrainingOptions options = new TrainingOptions();
        options.patience = 3;
        options.logEvery = 1000;
        Trainer trainer = new Trainer(options, out, "flow");
        HeldOutScore heldOut = new HeldOutScore(validation, 1000, Flow::new);
        ImageDataSetIterator data = new ImageDataSetIterator(train, new int[2000], 1, 100, true, false, 3);

        ComputationGraph best = trainer.fit(graph, new UnsupervisedIterator(graph, data), 20, 1200, 20,
                new FlowObjectiveParts(graph), heldOut);

        EarlyStoppingResult<ComputationGraph> result = trainer.earlyStoppingResult();
        assertNotNull(result);
        assertTrue(result.getScoreVsEpoch().size() >= 4, "rounds scored: " + result.getScoreVsEpoch());
        double lowest = Collections.min(result.getScoreVsEpoch().values());
        assertEquals(lowest, result.getScoreVsEpoch().get(result.getBestModelEpoch()), 0.0,
                "the best round has the lowest score: " + result.getScoreVsEpoch());
        assertEquals(lowest, heldOut.calculateScore(best), 1e-4, "the returned graph must be the best, not the last");
        assertTrue(result.getTotalEpochs() < 60 || lowest == result.getScoreVsEpoch().get(59),
                "training stops after 3 rounds without improvement: " + result.getScoreVsEpoch());
    }
}
