package readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.Checkpoints;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.ObjectivePartsListener;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** README, "Training options": the objective's parts, checkpoints and the held-out score in a user's code. */
class TrainingOptionsExampleTest {
    @Test
    void runsAsWrittenAndResumesFromItsCheckpoint() throws Exception {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(784, 8).encoderSizes(64).decoderSizes(64)
                .warmupIterations(100).build());
        graph.init();
        DataSetIterator yourDataSetIterator = Data.iterator(Data.images(1600, 1), 16);   // 100 iterations an epoch
        INDArray validationX = Data.images(200, 2);

        // README: training-options

        List<String> rows = Files.readAllLines(Path.of("objective.csv"));
        assertEquals("iteration,epoch,score,reconstruction,kl,beta", rows.get(0));
        assertEquals(1 + 500 / 100, rows.size(), "a row every 100 of 500 iterations");
        // the checkpoint of iteration 500 is the end of training
        assertEquals(graph.getIterationCount(), resumed.getIterationCount());
        assertEquals(graph.params(), resumed.params());
        double score = heldOut.calculateScore(graph);
        assertEquals(score, heldOut.calculateScore(resumed), 1e-9 * Math.abs(score), "held-out negative ELBO");
        SaveLoad.check("resumed VAE", resumed, validationX, yourDataSetIterator);
    }
}
