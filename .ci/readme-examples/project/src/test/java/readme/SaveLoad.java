package readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** Save, load and continued training, as a user does it with DL4J's ModelSerializer. */
final class SaveLoad {
    private SaveLoad() {
    }

    /**
     * Saves the graph with its updater, loads it back, and checks that the loaded graph has the same configuration,
     * parameters, updater state and outputs on x, and that one more epoch on data moves both graphs' parameters
     * identically (the same noise seed for both).
     */
    static ComputationGraph check(String name, ComputationGraph graph, INDArray x, DataSetIterator data) throws IOException {
        return check(name, graph, new INDArray[] {x}, data);
    }

    /** The same for a graph of several inputs (a conditional model's x and context). */
    static ComputationGraph check(String name, ComputationGraph graph, INDArray[] x, DataSetIterator data) throws IOException {
        File file = Files.createTempFile(name, ".zip").toFile();
        file.deleteOnExit();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, true);

        assertEquals(graph.getConfiguration().toJson(), loaded.getConfiguration().toJson(), name + ": configuration");
        assertEquals(graph.params(), loaded.params(), name + ": parameters");
        assertEquals(graph.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray(), name + ": updater state");
        INDArray[] expected = graph.output(x);
        INDArray[] actual = loaded.output(x);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], name + ": output " + i);
        }

        INDArray before = graph.params().dup();
        fitOneEpoch(graph, data);
        fitOneEpoch(loaded, data);
        assertTrue(graph.params().neq(before).any(), name + ": continued training moved the parameters");
        assertTrue(Double.isFinite(loaded.score()), name + ": score after continued training " + loaded.score());
        assertEquals(graph.params(), loaded.params(), name + ": the loaded graph trains on as the saved one");
        return loaded;
    }

    private static void fitOneEpoch(ComputationGraph graph, DataSetIterator data) {
        data.reset();
        Nd4j.getRandom().setSeed(99);
        graph.fit(new UnsupervisedIterator(graph, data));
    }
}
