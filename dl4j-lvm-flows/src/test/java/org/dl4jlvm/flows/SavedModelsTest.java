package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Flows saved by the 0.1.0 code (see {@code saved-0.1.0/README.md}) load and give the log-likelihoods they gave then. */
class SavedModelsTest {
    private static final String FOLDER = "/saved-0.1.0/";

    private static InputStream resource(String name) {
        InputStream in = SavedModelsTest.class.getResourceAsStream(FOLDER + name);
        org.junit.jupiter.api.Assertions.assertNotNull(in, "test resource " + FOLDER + name);
        return in;
    }

    private static List<String> lines(String name) throws Exception {
        try (InputStream in = resource(name)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"realnvp", "nice", "glow"})
    void savedFlowScoresAsBefore(String kind) throws Exception {
        List<String> rows = lines("inputs.csv");
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = java.util.Arrays.stream(rows.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
        }
        ComputationGraph graph;
        try (InputStream in = resource(kind + ".zip")) {
            graph = ModelSerializer.restoreComputationGraph(in, true);
        }
        INDArray logLikelihood = new Flow(graph).logLikelihood(Nd4j.createFromArray(x).castTo(graph.getConfiguration().getDataType()));
        int checked = 0;
        for (String line : lines("log-likelihoods.csv")) {
            String[] fields = line.split(",");
            if (fields[0].equals(kind)) {
                int i = Integer.parseInt(fields[1]);
                double expected = Double.parseDouble(fields[2]);
                assertEquals(expected, logLikelihood.getDouble(i), 1e-5 * Math.max(1, Math.abs(expected)), kind + " point " + i);
                checked++;
            }
        }
        assertEquals(x.length, checked, "every point has a saved log-likelihood");
    }
}
