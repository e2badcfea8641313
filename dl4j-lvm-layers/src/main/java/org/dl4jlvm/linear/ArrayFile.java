package org.dl4jlvm.linear;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A file of named kind holding a fixed number of arrays in ND4J's binary format: how the linear models are saved. */
final class ArrayFile {
    private static final String MAGIC = "dl4j-lvm";

    private ArrayFile() {
    }

    static void write(Path file, String kind, INDArray... arrays) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(kind);
            out.writeInt(arrays.length);
            for (INDArray array : arrays) {
                Nd4j.write(array, out);
            }
        }
    }

    static INDArray[] read(Path file, String kind, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            String found = in.readUTF();
            int n = in.readInt();
            if (!MAGIC.equals(magic) || !kind.equals(found) || n != count) {
                throw new IllegalArgumentException("file: expected a saved " + kind + " with " + count + " arrays, found "
                        + (MAGIC.equals(magic) ? "a saved " + found + " with " + n : "another format") + " in " + file);
            }
            INDArray[] arrays = new INDArray[count];
            for (int i = 0; i < count; i++) {
                arrays[i] = Nd4j.read(in);
            }
            return arrays;
        }
    }
}
