package org.dl4jlvm.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dl4jlvm.core.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: short runs of the vae, flow, pca and manifold2d commands into one folder, and an index.html that
 * shows all their pictures beside their metrics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a VAE on Fashion-MNIST, a RealNVP on a 2-D density, PCA against autoencoders and the 2-D "
                + "manifold example, each briefly, into OUT/<command>, and write OUT/index.html showing every picture "
                + "with its metrics (about 7 minutes on 2 cores with the full Fashion-MNIST, less on the bundled split).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "out/demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--data", description = "Folder of Fashion-MNIST IDX files (default: the system copy, else the bundled split).")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vae-epochs", defaultValue = "3", description = "VAE training epochs (default: ${DEFAULT-VALUE}).")
    int vaeEpochs;

    @Option(names = "--flow-iterations", defaultValue = "1500", description = "RealNVP training iterations (default: ${DEFAULT-VALUE}).")
    int flowIterations;

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--vae-epochs", vaeEpochs);
        Checks.atLeastOne("--flow-iterations", flowIterations);
        long start = System.nanoTime();
        FashionMnist.load(data); // fails early, with the data error, before any training
        Files.createDirectories(out);
        IndexPage page = new IndexPage();
        run(page, new IndexPage.Section("vae", "Variational autoencoder on Fashion-MNIST",
                "A Bernoulli VAE with a 2-D latent space (784-512-256-(2x2) / 2-256-512-784), " + vaeEpochs + " epochs on statically "
                        + "binarised images. Reconstructions (inputs above), decoded prior samples, the decoded latent grid, "
                        + "decoded straight paths between test images, T-shirts given long sleeves with the attribute vector "
                        + "mean(pullover) - mean(T-shirt), and the test images' posterior means coloured by class.",
                withData(List.of("vae", "--epochs", String.valueOf(vaeEpochs), "--latent", "2", "--iwae-k", "20", "--log-every", "100")),
                List.of("reconstructions.png", "samples.png", "manifold.png", "interpolation.png", "attribute.png", "embedding.png")));
        run(page, new IndexPage.Section("cvae", "Conditional VAE: one row per class",
                "The same VAE with latent 32, given the one-hot class beside x and beside z (at every decoder layer), "
                        + vaeEpochs + " epochs. Samples: a row of decoder means of prior draws for each class, T-shirt/top, "
                        + "trouser, pullover, dress, coat, sandal, shirt, sneaker, bag and ankle boot from the top; the table's "
                        + "classifier_sample_accuracy says how often a softmax regression trained on the real images agrees.",
                withData(List.of("vae", "--conditional", "--epochs", String.valueOf(vaeEpochs), "--latent", "32", "--iwae-k", "5",
                        "--log-every", "100")),
                List.of("samples.png", "reconstructions.png")));
        run(page, new IndexPage.Section("conv-vae", "Convolutional VAE",
                "4x4 stride-2 convolutions to 32 and 64 channels and transposed convolutions back (DL4J's layers with "
                        + "dl4j-lvm's host runtime), latent 32, one epoch. Test images above their reconstructions.",
                withData(List.of("vae", "--architecture", "conv", "--epochs", "1", "--latent", "32", "--iwae-k", "5",
                        "--log-every", "100")),
                List.of("reconstructions.png", "samples.png")));
        run(page, new IndexPage.Section("flow", "RealNVP on the two-moons density",
                "8 affine couplings with 2 x 128 ReLU conditioners, " + flowIterations + " iterations of batch 256. Left: the true density and "
                        + "the learned one; right: data (grey), then samples (red) over the data.",
                List.of("flow", "--dataset", "moons", "--iterations", String.valueOf(flowIterations), "--log-every", "250"),
                List.of("density.png", "samples.png")));
        run(page, new IndexPage.Section("pca", "PCA against autoencoders on Fashion-MNIST",
                "Code size 32, one epoch per autoencoder. Rows of the reconstructions: real images, PCA, deep autoencoder, "
                        + "denoising autoencoder; then the first 32 principal components. One epoch is short: on the full "
                        + "Fashion-MNIST the PCA-initialised deep autoencoder passes PCA's test error in it, on the bundled "
                        + "9,000 training images no autoencoder does yet. "
                        + "The table gives this run's errors (test_mse_pca against test_mse_deep_ae and "
                        + "test_mse_deep_ae_pca_init).",
                withData(List.of("pca", "--epochs", "1")), List.of("reconstructions.png", "components.png")));
        run(page, new IndexPage.Section("manifold2d", "A curved manifold: PCA against an autoencoder",
                "Noisy points near the curve (2t, sin(pi t)) reconstructed with one latent dimension: PCA gives a line (left), "
                        + "the autoencoder follows the curve (right).",
                List.of("manifold2d"), List.of("reconstruction2d.png")));
        page.write(out, "dl4j-lvm demo", String.format("Written by the demo command in %.0f s; every figure below comes from "
                + "this run.", (System.nanoTime() - start) / 1e9));
        System.out.printf("demo finished in %.0f s: open %s%n", (System.nanoTime() - start) / 1e9, out.resolve("index.html").toAbsolutePath());
        return 0;
    }

    private List<String> withData(List<String> command) {
        List<String> full = new ArrayList<>(command);
        if (data != null) {
            full.addAll(List.of("--data", data.toString()));
        }
        return full;
    }

    private void run(IndexPage page, IndexPage.Section section) throws Exception {
        List<String> args = new ArrayList<>(section.command);
        args.addAll(List.of("--seed", String.valueOf(seed), "--out", out.resolve(section.folder).toString()));
        System.out.println("== demo: " + String.join(" ", args));
        int code = Main.run(args.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("the demo's " + section.folder + " run failed (exit code " + code + ")");
        }
        page.add(section);
    }
}
