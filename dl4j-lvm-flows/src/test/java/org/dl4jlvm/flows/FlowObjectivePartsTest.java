package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jlvm.TestData;
import org.dl4jlvm.training.ObjectivePartsListener;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** A flow's reported parts are its base log-likelihood and log-det, whose negated sum is the score. */
class FlowObjectivePartsTest {

    @Test
    void theNegatedSumOfThePartsIsTheScore(@TempDir Path folder) throws Exception {
        ComputationGraph graph = new ComputationGraph(new FlowGraphBuilder(FlowGraphBuilder.Kind.GLOW, FlowGraphs.D).steps(3)
                .hidden(8).updater(new Adam(1e-2)).dataType(DataType.DOUBLE).seed(4).build());
        graph.init();
        Path csv = folder.resolve("parts.csv");
        graph.setListeners(new ObjectivePartsListener(new FlowObjectiveParts(graph), 3, csv));
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(FlowGraphs.inputs(96, 2), 16, 1)), 2);

        List<String> lines = Files.readAllLines(csv);
        assertEquals("iteration,epoch,score,baseLogLikelihood,logDet", lines.get(0));
        assertEquals(1 + 4, lines.size(), "12 iterations reported every 3: " + lines);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double score = Double.parseDouble(cells[2]);
            assertEquals(score, -(Double.parseDouble(cells[3]) + Double.parseDouble(cells[4])), 1e-9 * Math.abs(score), line);
        }
    }
}
