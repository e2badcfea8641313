package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine;

class VaeCommandTest {

    @Test
    void trainsOnTheBundledSplitAndWritesPicturesAndMetrics(@TempDir Path out, @TempDir Path empty) throws Exception {
        Path data = CommandOutputs.bundledData(empty);
        int code = Main.run("vae", "--epochs", "1", "--latent", "2", "--iwae-k", "5", "--data", data.toString(),
                "--out", out.toString());
        assertEquals(0, code);
        for (String picture : new String[] {"reconstructions.png", "samples.png", "manifold.png"}) {
            assertTrue(ImageIO.read(out.resolve(picture).toFile()).getWidth() > 100, picture);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
        for (String key : new String[] {"command", "dataset", "epochs", "seconds", "train_examples_per_sec",
                "test_neg_elbo_nats", "test_nll_iwae_nats", "iwae_k", "kl_warmup_iterations", "weight_init"}) {
            assertTrue(metrics.containsKey(key), "metrics.json lacks " + key);
        }
        double negElbo = ((Number) metrics.get("test_neg_elbo_nats")).doubleValue();
        double iwae = ((Number) metrics.get("test_nll_iwae_nats")).doubleValue();
        // one epoch of a 2-D VAE on the bundled split gave 307.68 nats under OpenBLAS's own kernels and 307.72 under
        // Haswell's; the band, 2% wide, admits other rounding (uniform pixels would cost 784 ln 2 = 543 nats)
        assertTrue(negElbo > 302 && negElbo < 314, "negative ELBO " + negElbo);
        assertTrue(iwae < negElbo + 1, "the importance-weighted bound " + iwae + " should not exceed the ELBO's " + negElbo);
    }

    /**
     * A conditional VAE on the bundled split: samples.png holds a row of 8 per class (10 rows of 28-pixel images), and
     * knowing the class lowers the bound below the unconditional run's, on the same data and seed.
     */
    @Test
    void conditionalRunDrawsARowPerClassAndBoundsLogPOfXGivenTheClass(@TempDir Path out, @TempDir Path plain,
            @TempDir Path empty) throws Exception {
        Path data = CommandOutputs.bundledData(empty);
        assertEquals(0, Main.run("vae", "--epochs", "1", "--iwae-k", "5", "--conditional", "--data", data.toString(),
                "--out", out.toString()));
        assertEquals(0, Main.run("vae", "--epochs", "1", "--iwae-k", "5", "--data", data.toString(), "--out", plain.toString()));
        java.awt.image.BufferedImage samples = ImageIO.read(out.resolve("samples.png").toFile());
        java.awt.image.BufferedImage unconditional = ImageIO.read(plain.resolve("samples.png").toFile());
        assertEquals(unconditional.getWidth(), samples.getWidth(), "8 columns, as the unconditional grid");
        assertEquals(10.0 / 8, samples.getHeight() / (double) unconditional.getHeight(), 0.05, "10 rows instead of 8");
        @SuppressWarnings("unchecked")
        Map<String, Object> given = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> alone = new ObjectMapper().readValue(plain.resolve("metrics.json").toFile(), Map.class);
        assertEquals(true, given.get("conditional"));
        double conditional = ((Number) given.get("test_nll_iwae_nats")).doubleValue();
        double marginal = ((Number) alone.get("test_nll_iwae_nats")).doubleValue();
        assertTrue(conditional < marginal, "-log p(x | class) bound " + conditional + " vs -log p(x) bound " + marginal);
        assertTrue(java.nio.file.Files.notExists(out.resolve("embedding.png")), "no class-free latent pictures");
        double chance = 0.1;
        assertTrue(((Number) given.get("classifier_sample_accuracy")).doubleValue() > 2 * chance,
                "one epoch's samples already show their class more often than chance: " + given);
    }

    /** The convolutional bodies and the flow posteriors train from the command, and metrics.json says which ran. */
    @Test
    void convolutionalAndFlowPosteriorRunsTrainAndSayWhatTheyAre(@TempDir Path conv, @TempDir Path iaf, @TempDir Path planar,
            @TempDir Path empty) throws Exception {
        Path data = CommandOutputs.bundledData(empty);
        assertEquals(0, Main.run("vae", "--architecture", "conv", "--epochs", "1", "--iwae-k", "5", "--data", data.toString(),
                "--out", conv.toString()));
        assertEquals(0, Main.run("vae", "--posterior", "iaf", "--posterior-steps", "2", "--posterior-hidden", "32,32",
                "--posterior-context", "0", "--epochs", "1", "--iwae-k", "5", "--data", data.toString(), "--out", iaf.toString()));
        assertEquals(0, Main.run("vae", "--posterior", "planar", "--epochs", "1", "--iwae-k", "5",
                "--data", data.toString(), "--out", planar.toString()));
        for (Path out : List.of(conv, iaf, planar)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
            double negElbo = ((Number) metrics.get("test_neg_elbo_nats")).doubleValue();
            double iwae = ((Number) metrics.get("test_nll_iwae_nats")).doubleValue();
            assertTrue(negElbo > 200 && negElbo < 400, out + ": negative ELBO " + negElbo);
            assertTrue(iwae < negElbo + 1, out + ": IWAE " + iwae + " against the ELBO's " + negElbo);
            assertTrue(ImageIO.read(out.resolve("reconstructions.png").toFile()).getWidth() > 100);
        }
        assertEquals("conv", new ObjectMapper().readValue(conv.resolve("metrics.json").toFile(), Map.class).get("architecture"));
        @SuppressWarnings("unchecked")
        Map<String, Object> iafMetrics = new ObjectMapper().readValue(iaf.resolve("metrics.json").toFile(), Map.class);
        assertEquals(2, iafMetrics.get("posterior_steps"));
        assertEquals("[32, 32]", iafMetrics.get("posterior_hidden"));
        assertEquals(0, iafMetrics.get("posterior_context"));
        assertEquals("planar", new ObjectMapper().readValue(planar.resolve("metrics.json").toFile(), Map.class).get("posterior"));
    }

    /** --kl-warmup reaches the KL term of both posteriors' graphs as a linear ramp of beta, (t + 1) / N up to 1. */
    @Test
    void klWarmupRampsTheKlWeightOfEitherPosterior() {
        for (String posterior : new String[] {"gaussian", "iaf"}) {
            ISchedule beta = klWeight("--posterior", posterior, "--kl-warmup", "300");
            assertEquals(1.0 / 300, beta.valueAt(0, 0), 1e-12, posterior);
            assertEquals(0.5, beta.valueAt(149, 0), 1e-12, posterior);
            assertEquals(1.0, beta.valueAt(900, 3), 1e-12, posterior);
            assertEquals(1.0, klWeight("--posterior", posterior).valueAt(0, 0), 1e-12, posterior + " without warm-up");
        }
    }

    /** The beta schedule of the KL layer of the graph that these vae options build. */
    private static ISchedule klWeight(String... options) {
        LayerVertex kl = (LayerVertex) CommandLine.populateCommand(new VaeOptions(), options).newGraph()
                .getConfiguration().getVertices().get(VaeGraphBuilder.KL);
        return ((KlRegularizerOutputLayer) kl.getLayerConf().getLayer()).getBetaSchedule();
    }

    /**
     * --weight-init reaches the layers: UNIFORM keeps the encoder head's weights (fan-in 256) within 1/sqrt(256), where
     * XAVIER's normal weights (standard deviation sqrt(2 / (256 + 64)), 16,384 of them) reach beyond it.
     */
    @Test
    void weightInitChoosesTheInitialWeights() {
        double bound = 1 / Math.sqrt(256);
        for (String posterior : new String[] {"gaussian", "iaf"}) {
            double uniform = CommandLine.populateCommand(new VaeOptions(), "--posterior", posterior, "--weight-init", "UNIFORM")
                    .newGraph().getLayer(VaeGraphBuilder.ENCODER_HEAD).getParam("W").amaxNumber().doubleValue();
            double xavier = CommandLine.populateCommand(new VaeOptions(), "--posterior", posterior)
                    .newGraph().getLayer(VaeGraphBuilder.ENCODER_HEAD).getParam("W").amaxNumber().doubleValue();
            assertTrue(uniform <= bound && uniform > 0.9 * bound, posterior + ": UNIFORM's largest weight " + uniform);
            assertTrue(xavier > 2 * bound, posterior + ": XAVIER's largest weight " + xavier);
        }
    }

    @Test
    void badOptionsFailWithAnExitCode(@TempDir Path out) {
        assertNotEquals(0, Main.run("vae", "--posterior-steps", "0", "--posterior", "iaf", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--posterior", "radial", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--posterior", "iaf", "--posterior-hidden", "64,0", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--posterior", "iaf", "--posterior-context", "-1", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--kl-warmup", "-1", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--weight-init", "BOGUS", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--architecture", "resnet", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--epochs", "0", "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--data", out.resolve("missing").toString(), "--out", out.toString()));
        assertNotEquals(0, Main.run("vae", "--no-such-option"));
    }
}
