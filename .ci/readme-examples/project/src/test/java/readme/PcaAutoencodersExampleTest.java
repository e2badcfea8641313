package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dl4jlvm.autoencoder.Autoencoder;
import org.dl4jlvm.autoencoder.AutoencoderGraphBuilder;
import org.dl4jlvm.autoencoder.CorruptionLayer;
import org.dl4jlvm.autoencoder.PcaInitializer;
import org.dl4jlvm.autoencoder.ReconstructionLoss;
import org.dl4jlvm.linear.Pca;
import org.dl4jlvm.linear.ProbabilisticPca;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/** README, "PCA and autoencoders in your own code". */
class PcaAutoencodersExampleTest {
    @Test
    void runsAsWrittenAndSavesLoadsAndTrainsOn() throws Exception {
        INDArray trainX = Data.images(1024, 1);
        INDArray testX = Data.images(200, 2);
        DataSetIterator yourDataSetIterator = Data.iterator(trainX, 64);

        // README: pca-autoencoders

        assertArrayEquals(new long[] {200, 32}, codes.shape());
        // the images have 4 factors through a sigmoid: 32 components hold nearly all of their variance
        double explained = ratio.sumNumber().doubleValue();
        assertTrue(explained > 0.9 && explained <= 1 + 1e-9, "explained variance ratio " + explained);
        assertArrayEquals(testX.shape(), reconstructions.shape());

        Path folder = Files.createTempDirectory("readme-pca");
        pca.save(folder.resolve("pca.bin"));
        assertEquals(codes, Pca.load(folder.resolve("pca.bin")).encode(testX), "PCA codes after loading");
        ppca.save(folder.resolve("ppca.bin"));
        assertEquals(logLikelihood, ProbabilisticPca.load(folder.resolve("ppca.bin")).logLikelihood(testX),
                "PPCA log-likelihood after loading");
        SaveLoad.check("autoencoder", graph, testX, yourDataSetIterator);
    }
}
