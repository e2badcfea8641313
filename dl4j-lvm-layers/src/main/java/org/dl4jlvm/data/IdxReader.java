package org.dl4jlvm.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), gzipped or not: the magic number
 * {@code 0x0000 08 nd} (unsigned bytes, nd dimensions), nd big-endian int sizes, then the bytes.
 * Images become a float matrix [N, rows * cols] scaled to [0, 1]; labels an int array.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** Images as [N, rows * cols] in [0, 1] (pixel / 255). */
    public static INDArray readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        }
    }

    /** Labels as ints. */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        }
    }

    /** Images from a stream; {@code source} names it in errors. */
    public static INDArray readImages(InputStream stream, String source) throws IOException {
        DataInputStream in = open(stream);
        int[] sizes = header(in, 3, source);
        int count = sizes[0];
        int pixels = sizes[1] * sizes[2];
        byte[] bytes = new byte[count * pixels];
        in.readFully(bytes);
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = (bytes[i] & 0xFF) / 255f;
        }
        return Nd4j.create(values, new long[] {count, pixels}, DataType.FLOAT);
    }

    /** Labels from a stream; {@code source} names it in errors. */
    public static int[] readLabels(InputStream stream, String source) throws IOException {
        DataInputStream in = open(stream);
        int[] sizes = header(in, 1, source);
        byte[] bytes = new byte[sizes[0]];
        in.readFully(bytes);
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xFF;
        }
        return labels;
    }

    private static DataInputStream open(InputStream stream) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16)) : buffered);
    }

    private static int[] header(DataInputStream in, int dimensions, String source) throws IOException {
        int magic = in.readInt();
        int type = (magic >> 8) & 0xFF;
        int found = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || found != dimensions) {
            throw new IllegalArgumentException(source + ": expected an IDX file of unsigned bytes with " + dimensions
                    + " dimensions (magic 0x0000080" + dimensions + "), found magic 0x" + Integer.toHexString(magic));
        }
        int[] sizes = new int[dimensions];
        for (int i = 0; i < dimensions; i++) {
            sizes[i] = in.readInt();
            if (sizes[i] < 0) {
                throw new IllegalArgumentException(source + ": dimension " + i + " has negative size " + sizes[i]);
            }
        }
        return sizes;
    }
}
