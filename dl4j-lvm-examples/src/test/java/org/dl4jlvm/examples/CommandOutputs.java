package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** What the command tests share: bundled input data, and reading what a command wrote. */
final class CommandOutputs {
    private CommandOutputs() {
    }

    /**
     * Creates {@code parent/idx} holding the bundled test split as both train and test files, so tests do not
     * depend on what the machine has installed; returns it.
     */
    static Path bundledData(Path parent) throws IOException {
        Path data = Files.createDirectories(parent.resolve("idx"));
        for (String name : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            try (InputStream in = FashionMnist.class.getResourceAsStream("/org/dl4jlvm/examples/fashion-mnist/" + name)) {
                Files.copy(in, data.resolve(name));
                Files.copy(data.resolve(name), data.resolve(name.replace("t10k", "train")));
            }
        }
        return data;
    }

    /** The metrics.json a command wrote into {@code out}, after checking it has every key. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> metrics(Path out, String... keys) throws IOException {
        Map<String, Object> metrics = new ObjectMapper().readValue(out.resolve("metrics.json").toFile(), Map.class);
        for (String key : keys) {
            assertTrue(metrics.containsKey(key), "metrics.json lacks " + key);
        }
        return metrics;
    }

    /** The text of a command's log, for a failure message. */
    static String text(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The number under {@code key}. */
    static double number(Map<String, Object> metrics, String key) {
        return ((Number) metrics.get(key)).doubleValue();
    }

    /** Each named picture exists in {@code out} and is at least {@code minWidth} pixels wide. */
    static void assertPictures(Path out, int minWidth, String... names) throws IOException {
        for (String name : names) {
            assertTrue(ImageIO.read(out.resolve(name).toFile()).getWidth() >= minWidth, name);
        }
    }
}
