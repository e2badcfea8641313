package org.dl4jlvm.examples.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.examples.FashionMnist;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The end-to-end cases: the {@code vae} and {@code flow} commands as a user runs them, over real data, and the same
 * training in PyTorch over the same data. The data the PyTorch scripts read are written to a work folder once:
 * Fashion-MNIST's training images as 8-bit rows, and a CSV of two-moons points that both sides read.
 */
public final class TrainingCases {
    public static final String PREFIX = "train-";
    private static final int MOONS = 20_000;
    private static final String SEED = "1";

    private final Path work;
    private final Path fashionFolder;
    private Path images;
    private long imageCount;
    private Path moons;

    /** @param fashionFolder the {@code --data} folder of Fashion-MNIST, or null for the commands' default */
    public TrainingCases(Path work, Path fashionFolder) {
        this.work = work;
        this.fashionFolder = fashionFolder;
    }

    /** One epoch of {@code vae --latent 32 --batch 128} over statically binarised Fashion-MNIST. */
    public TrainingCase vae() throws IOException {
        return vae("dense", "vae");
    }

    /** One epoch of {@code vae --architecture conv --latent 32 --batch 128}: case {@code conv-vae}. */
    public TrainingCase convVae() throws IOException {
        return vae("conv", "conv-vae");
    }

    private TrainingCase vae(String architecture, String name) throws IOException {
        Path pixels = images();
        List<String> command = withData(List.of("vae", "--architecture", architecture, "--epochs", "1", "--latent", "32",
                "--batch", "128", "--seed", SEED, "--iwae-k", "1"));
        long iterations = (imageCount + 127) / 128;
        return new TrainingCase(PREFIX + name, command, List.of("--case", name, "--images", pixels.toString(),
                "--latent", "32", "--batch", "128", "--iterations", String.valueOf(iterations), "--seed", SEED));
    }

    /** {@code flow --csv moons.csv} with RealNVP's defaults (8 steps, 128 x 128, batch 256) for {@code iterations}. */
    public TrainingCase realNvp2(int iterations) throws IOException {
        return flow2(FlowGraphBuilder.Kind.REALNVP, iterations);
    }

    /**
     * {@code flow --csv moons.csv --kind KIND} (8 steps, 128 x 128, batch 256; splines of 8 bins on [-5, 5]) for
     * {@code iterations}: case {@code <kind>-2}.
     */
    public TrainingCase flow2(FlowGraphBuilder.Kind kind, int iterations) throws IOException {
        Path csv = moons();
        String count = String.valueOf(iterations);
        String name = kind.name().toLowerCase().replace('_', '-') + "-2";
        return new TrainingCase(PREFIX + name,
                List.of("flow", "--csv", csv.toString(), "--kind", kind.name(), "--hidden", "128,128", "--batch", "256",
                        "--iterations", count, "--seed", SEED),
                List.of("--case", name, "--csv", csv.toString(), "--hidden", "128,128", "--batch", "256",
                        "--iterations", count, "--seed", SEED));
    }

    /** {@code flow --dataset fashion --hidden 512,512 --batch 128}: RealNVP on dequantised images, for {@code iterations}. */
    public TrainingCase realNvp784(int iterations) throws IOException {
        Path pixels = images();
        String count = String.valueOf(iterations);
        List<String> command = withData(List.of("flow", "--dataset", "fashion", "--hidden", "512,512", "--batch", "128",
                "--iterations", count, "--seed", SEED));
        return new TrainingCase(PREFIX + "realnvp-784", command, List.of("--case", "realnvp-784", "--images", pixels.toString(),
                "--hidden", "512,512", "--batch", "128", "--iterations", count, "--seed", SEED));
    }

    /**
     * {@code flow --dataset fashion --kind MULTISCALE --steps 4 --hidden 64,64 --batch 64}: two levels of four Glow steps
     * with convolutional couplings on dequantised images, for {@code iterations}.
     */
    public TrainingCase multiScale(int iterations) throws IOException {
        Path pixels = images();
        String count = String.valueOf(iterations);
        List<String> command = withData(List.of("flow", "--dataset", "fashion", "--kind", "MULTISCALE", "--steps", "4",
                "--hidden", "64,64", "--batch", "64", "--iterations", count, "--seed", SEED));
        return new TrainingCase(PREFIX + "multiscale", command, List.of("--case", "multiscale", "--images", pixels.toString(),
                "--steps", "4", "--hidden", "64,64", "--batch", "64", "--iterations", count, "--seed", SEED));
    }

    private List<String> withData(List<String> command) {
        List<String> all = new ArrayList<>(command);
        if (fashionFolder != null) {
            all.add("--data");
            all.add(fashionFolder.toString());
        }
        return all;
    }

    /** The training images the commands read, as 8-bit rows of 784 bytes. */
    private Path images() throws IOException {
        if (images == null) {
            INDArray train = FashionMnist.load(fashionFolder).trainImages;
            float[] values = train.castTo(DataType.FLOAT).data().asFloat();
            Path file = Files.createDirectories(work).resolve("fashion-train.u8");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                for (float value : values) {
                    out.write(Math.round(value * 255));
                }
            }
            images = file;
            imageCount = train.size(0);
        }
        return images;
    }

    /** 20,000 points of the two-moons density, one "x,y" row each. */
    private Path moons() throws IOException {
        if (moons == null) {
            INDArray points = Density2D.parse("moons").sample(MOONS, Long.parseLong(SEED), DataType.DOUBLE);
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < MOONS; i++) {
                csv.append(points.getDouble(i, 0)).append(',').append(points.getDouble(i, 1)).append('\n');
            }
            moons = Files.writeString(Files.createDirectories(work).resolve("moons.csv"), csv);
        }
        return moons;
    }
}
