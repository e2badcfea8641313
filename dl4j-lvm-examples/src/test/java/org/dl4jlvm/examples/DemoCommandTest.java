package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short demo writes index.html, and every picture it shows exists and is a real image. */
class DemoCommandTest {

    @Test
    void theIndexShowsEveryPictureOfEveryRunWithItsMetrics(@TempDir Path out, @TempDir Path parent) throws Exception {
        Path data = CommandOutputs.bundledData(parent);
        assertEquals(0, Main.run("demo", "--vae-epochs", "1", "--flow-iterations", "100", "--data", data.toString(),
                "--out", out.toString()));
        String index = Files.readString(out.resolve("index.html"));
        Matcher images = Pattern.compile("<img src=\"([^\"]+)\"").matcher(index);
        int count = 0;
        while (images.find()) {
            Path picture = out.resolve(images.group(1));
            assertTrue(ImageIO.read(picture.toFile()).getWidth() > 100, images.group(1));
            count++;
        }
        assertEquals(6 + 2 + 2 + 2 + 2 + 1, count, "pictures of vae, cvae, conv-vae, flow, pca and manifold2d: " + index);
        for (String metric : List.of("test_neg_elbo_nats", "test_nll_nats", "test_mse_pca", "seconds")) {
            assertTrue(index.contains("<td>" + metric + "</td>"), "index.html shows " + metric);
        }
    }
}
