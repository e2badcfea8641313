package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class VaeTrainingTest {

    private static ComputationGraph smallVae() {
        ComputationGraphConfiguration conf = new VaeGraphBuilder(20, 3).encoderSizes(16).decoderSizes(16)
                .likelihood(new BernoulliLikelihood()).seed(7).build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void fitOnAnyIteratorLowersTheNegativeElbo() {
        INDArray x = TestData.binary(256, 20, 1, DataType.FLOAT);
        ComputationGraph graph = smallVae();
        Vae vae = new Vae(graph, 3);
        double before = vae.negElbo(x, 20).meanNumber().doubleValue();
        UnsupervisedIterator data = new UnsupervisedIterator(graph, TestData.iterator(x, 32, 2));
        for (int epoch = 0; epoch < 30; epoch++) {
            graph.fit(data);
        }
        double after = vae.negElbo(x, 20).meanNumber().doubleValue();
        assertTrue(after < before - 3, "negative ELBO should fall: before " + before + ", after " + after);
        // the graph's score is the negative ELBO in nats per example (beta = 1)
        data.reset();
        MultiDataSet batch = data.next();
        double score = graph.score(batch, false);
        double direct = vae.negElbo(batch.getFeatures(0), 400).meanNumber().doubleValue();
        assertEquals(direct, score, 0.05 * Math.abs(direct) + 0.5, "score " + score + " vs -ELBO " + direct);
    }

    @Test
    void jsonAndModelSerializerRoundTripsGiveIdenticalOutputs(@TempDir Path dir) throws Exception {
        INDArray x = TestData.binary(64, 20, 3, DataType.FLOAT);
        ComputationGraph graph = smallVae();
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 32, 4)));

        String json = graph.getConfiguration().toJson();
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(json);
        assertEquals(graph.getConfiguration(), fromJson);
        assertEquals(json, fromJson.toJson());
        ComputationGraph rebuilt = new ComputationGraph(fromJson);
        rebuilt.init(graph.params().dup(), true);
        assertOutputsEqual(graph, rebuilt, x);

        File file = dir.resolve("vae.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertOutputsEqual(graph, restored, x);
        assertEquals(graph.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    }

    private static void assertOutputsEqual(ComputationGraph expected, ComputationGraph actual, INDArray x) {
        INDArray[] a = expected.output(x);
        INDArray[] b = actual.output(x);
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], "output " + i);
        }
        assertEquals(new Vae(expected, 1).reconstruct(x), new Vae(actual, 1).reconstruct(x));
    }
}
