package org.dl4jlvm.examples;

import static org.dl4jlvm.examples.CommandOutputs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pca} and {@code manifold2d} commands, end to end on small settings. */
class LinearCommandsTest {

    /**
     * Runs as a user runs it, in a child JVM that applies the commands' own settings (the environment's thread count
     * removed, so that the command chooses it), and checks PCA and PPCA against {@link IndependentPca}.
     */
    @Test
    void pcaFitsEveryModelAndWritesPicturesAndMetrics(@TempDir Path out, @TempDir Path empty) throws Exception {
        Path data = CommandOutputs.bundledData(empty);
        Path log = empty.resolve("pca.log");
        ProcessBuilder command = ChildCli.builder(List.of("pca", "--components", "16", "--epochs", "1", "--hidden", "64",
                "--data", data.toString(), "--out", out.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().remove(FastestSettings.THREADS);
        assertEquals(0, command.start().waitFor(), () -> CommandOutputs.text(log));
        CommandOutputs.assertPictures(out, 100, "reconstructions.png", "components.png");
        Map<String, Object> metrics = CommandOutputs.metrics(out, "test_mse_pca", "test_mse_linear_ae", "test_mse_deep_ae",
                "test_mse_denoising_ae", "test_nll_ppca_nats", "explained_variance_ratio",
                "epochs_to_pca_error_deep_ae", "epochs_to_pca_error_deep_ae_pca_init");
        double pca = number(metrics, "test_mse_pca");
        // the PCA-initialised linear autoencoder starts at PCA's error, in the network's float precision
        assertEquals(0, Math.abs(number(metrics, "test_mse_linear_ae_pca_init_step0") - pca) / pca, 1e-4);
        double ratio = number(metrics, "explained_variance_ratio");
        assertTrue(ratio > 0.5 && ratio < 1, "explained variance ratio " + ratio);
        FashionMnist fashion = FashionMnist.load(data);
        IndependentPca independent = new IndependentPca(fashion.trainImages.toDoubleMatrix(), fashion.testImages.toDoubleMatrix(), 16);
        // the command reconstructs in the images' float precision (relative rounding 6e-8 a pixel); the NLL is in double
        assertEquals(independent.testMse, pca, 1e-5 * independent.testMse, "PCA test MSE against an independent computation");
        assertEquals(independent.testNll, number(metrics, "test_nll_ppca_nats"), 1e-6 * Math.abs(independent.testNll),
                "PPCA test NLL against an independent computation");
        assertTrue(number(metrics, "noisy_test_mse_denoising_ae") < number(metrics, "noisy_test_mse_deep_ae"),
                "the denoising autoencoder removes noise better than the plain one");
        for (String model : new String[] {"test_mse_linear_ae", "test_mse_deep_ae", "test_mse_denoising_ae"}) {
            // any training at all beats a constant grey image (mean squared error about 0.1 on Fashion-MNIST)
            assertTrue(number(metrics, model) < 0.08, model + " = " + number(metrics, model));
        }
    }

    @Test
    void manifold2dAutoencoderFollowsTheCurveWherePcaCannot(@TempDir Path out) throws Exception {
        assertEquals(0, Main.run("manifold2d", "--points", "500", "--epochs", "100", "--out", out.toString()));
        CommandOutputs.assertPictures(out, 300, "reconstruction2d.png");
        Map<String, Object> metrics = CommandOutputs.metrics(out, "test_squared_distance_pca", "test_squared_distance_ae");
        double pca = number(metrics, "test_squared_distance_pca");
        double autoencoder = number(metrics, "test_squared_distance_ae");
        assertTrue(autoencoder < pca / 3, "autoencoder " + autoencoder + " against PCA " + pca);
    }

    @Test
    void badOptionsFailWithAnExitCode(@TempDir Path out) {
        assertNotEquals(0, Main.run("pca", "--components", "0", "--out", out.toString()));
        assertNotEquals(0, Main.run("pca", "--components", "784", "--out", out.toString()));
        assertNotEquals(0, Main.run("pca", "--noise", "-0.5", "--out", out.toString()));
        assertNotEquals(0, Main.run("manifold2d", "--noise", "-1", "--out", out.toString()));
        assertNotEquals(0, Main.run("manifold2d", "--points", "0", "--out", out.toString()));
    }
}
