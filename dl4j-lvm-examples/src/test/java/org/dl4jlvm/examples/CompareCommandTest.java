package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** compare scores PPCA (checked against an independent computation), a Gaussian VAE and two flows on the same held-out images. */
class CompareCommandTest {

    @Test
    void everyModelBeatsTheUniformDensityInBitsPerDimension(@TempDir Path out, @TempDir Path parent) throws Exception {
        Path data = CommandOutputs.bundledData(parent);
        assertEquals(0, Main.run("compare", "--latent", "8", "--vae-epochs", "1", "--flow-iterations", "30", "--flow-hidden", "32",
                "--multiscale-iterations", "30", "--multiscale-steps", "1", "--multiscale-hidden", "8,8",
                "--test-examples", "200", "--iwae-k", "5", "--data", data.toString(), "--out", out.toString()));
        Map<String, Object> metrics = CommandOutputs.metrics(out, "ppca_bits_per_dim", "vae_bits_per_dim", "flow_bits_per_dim",
                "multiscale_bits_per_dim");

        // PPCA against an independent computation on the same dequantised training images and test bin centres
        FashionMnist fashion = FashionMnist.load(data);
        INDArray levels = Transforms.round(fashion.trainImages.mul(255), false);
        INDArray train = levels.addi(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(42), levels.shape())
                .castTo(levels.dataType())).divi(256);
        INDArray centres = Transforms.round(fashion.testImages.get(NDArrayIndex.interval(0, 200), NDArrayIndex.all()).mul(255), true)
                .addi(0.5).divi(256);
        IndependentPca independent = new IndependentPca(train.toDoubleMatrix(), centres.toDoubleMatrix(), 8);
        // log P(k) = log p(centre) - D log 256 for bins of width 1/256
        double ppcaBits = (independent.testNll + 784 * Math.log(256)) / (784 * Math.log(2));
        assertEquals(ppcaBits, CommandOutputs.number(metrics, "ppca_bits_per_dim"), 1e-5, "PPCA bits per dimension");

        // no independent value for a trained network: bands around what this configuration gave on the bundled split,
        // under OpenBLAS's own kernels and under Haswell's (VAE 7.326 and 7.341, RealNVP 6.776 both times), about 1%
        // wide, to admit other rounding; a uniform density gives exactly 8 bits, PPCA 7.43
        double vaeBits = CommandOutputs.number(metrics, "vae_bits_per_dim");
        assertTrue(vaeBits > 7.25 && vaeBits < 7.42, "VAE: " + vaeBits + " bits per dimension");
        double flowBits = CommandOutputs.number(metrics, "flow_bits_per_dim");
        assertTrue(flowBits > 6.70 && flowBits < 6.85, "RealNVP: " + flowBits + " bits per dimension");
        assertEquals("exact", metrics.get("ppca_likelihood"));
        assertEquals("lower bound", metrics.get("vae_likelihood"));
        assertEquals("exact", metrics.get("flow_likelihood"));
        double multiScaleBits = CommandOutputs.number(metrics, "multiscale_bits_per_dim");
        assertTrue(multiScaleBits < 8, "multi-scale flow: " + multiScaleBits + " bits per dimension");
        assertEquals("exact", metrics.get("multiscale_likelihood"));
        List<String> table = Files.readAllLines(out.resolve("results.md"));
        assertEquals(2 + 4, table.size(), String.join("\n", table));
    }
}
