package org.dl4jlvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class DataTest {

    /** An IDX3 file of n images of 2 x 3 pixels, pixel (k, p) = 10 k + p, written by hand. */
    private static byte[] images(int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(2);
        out.writeInt(3);
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < 6; p++) {
                out.writeByte(10 * k + p);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsPlainAndGzippedIdx(@TempDir Path dir) throws IOException {
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), images(4));
        Path zipped = Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(images(4)));
        for (Path file : new Path[] {plain, zipped}) {
            INDArray x = IdxReader.readImages(file);
            assertArrayEquals(new long[] {4, 6}, x.shape());
            assertEquals((10 * 3 + 5) / 255.0, x.getDouble(3, 5), 1e-6);
        }
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 9};
        assertArrayEquals(new int[] {7, 2, 9}, IdxReader.readLabels(Files.write(dir.resolve("labels"), labels)));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(plain));
        assertTrue(wrong.getMessage().contains("1 dimensions"), wrong.getMessage());
    }

    @Test
    void staticBinarizationIsFixedAndHasTheRightMean() {
        INDArray intensities = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), new long[] {200, 100});
        INDArray once = Binarization.STATIC.applyOnce(intensities, 9);
        assertEquals(once, Binarization.STATIC.applyOnce(intensities, 9));
        assertNotEquals(once, Binarization.STATIC.applyOnce(intensities, 10));
        assertEquals(once.mul(once), once, "binary");
        // E[x] = intensity; mean over 20,000 draws, standard error about 0.0035
        assertEquals(intensities.meanNumber().doubleValue(), once.meanNumber().doubleValue(), 0.015);
        assertEquals(intensities.gt(0.5).castTo(intensities.dataType()), Binarization.THRESHOLD.applyOnce(intensities, 0));
    }

    @Test
    void iteratorCoversEveryRowOncePerEpochAndDynamicBinarizationRedraws() {
        INDArray x = Nd4j.linspace(0, 1, 50 * 4).reshape(50, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        int[] labels = new int[50];
        for (int i = 0; i < 50; i++) {
            labels[i] = i % 3;
        }
        ImageDataSetIterator iterator = new ImageDataSetIterator(x, labels, 3, 16, true, false, 4);
        double sum = 0;
        int rows = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            rows += batch.numExamples();
            sum += batch.getFeatures().sumNumber().doubleValue();
            assertEquals(batch.getLabels().sumNumber().doubleValue(), batch.numExamples(), 1e-9);
        }
        assertEquals(50, rows);
        assertEquals(x.sumNumber().doubleValue(), sum, 1e-3);

        ImageDataSetIterator dynamic = new ImageDataSetIterator(x, labels, 3, 50, false, true, 4);
        INDArray first = dynamic.next().getFeatures();
        dynamic.reset();
        INDArray second = dynamic.next().getFeatures();
        assertNotEquals(first, second);
        assertEquals(first.mul(first), first, "binary");
    }
}
