package org.dl4jlvm.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The 2-D densities (normalised log-densities, entropies, seeding) and the CSV reader. */
class FlowDataTest {

    @Test
    void everyLogDensityIntegratesToOne() {
        for (Density2D density : Density2D.values()) {
            int cells = 160;
            double low = -5;
            double width = 10.0 / cells; // 0.0625: the midpoint rule is accurate far below 1% for Gaussians of std >= 0.08
            double mass = 0;
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    mass += Math.exp(density.logDensity(low + (i + 0.5) * width, low + (j + 0.5) * width)) * width * width;
                }
            }
            assertEquals(1.0, mass, 0.01, density + " integrates to one over [-5, 5]^2");
        }
    }

    @Test
    void samplesLieWhereTheDensityIs() {
        for (Density2D density : Density2D.values()) {
            double[] logP = density.logDensity(density.sample(2000, 5, DataType.DOUBLE));
            for (double value : logP) {
                assertTrue(Double.isFinite(value), density + ": a sample outside the support");
            }
        }
    }

    @Test
    void samplingIsSeeded() {
        assertEquals(Density2D.MOONS.sample(10, 3, DataType.FLOAT), Density2D.MOONS.sample(10, 3, DataType.FLOAT));
        assertTrue(!Density2D.MOONS.sample(10, 3, DataType.FLOAT).equals(Density2D.MOONS.sample(10, 4, DataType.FLOAT)));
        assertEquals(Density2D.EIGHT_GAUSSIANS, Density2D.parse("8gaussians"));
        assertEquals(Density2D.EIGHT_GAUSSIANS, Density2D.parse("Eight-Gaussians"));
        assertThrows(IllegalArgumentException.class, () -> Density2D.parse("spirals"));
    }

    @Test
    void csvWithAndWithoutHeader(@TempDir Path folder) throws Exception {
        Path withHeader = Files.writeString(folder.resolve("a.csv"), "height,weight\n1.5,60\n\n1.8,80.5\n");
        CsvData a = CsvData.read(withHeader);
        assertEquals(List.of("height", "weight"), a.header());
        assertArrayEquals(new double[][] {{1.5, 60}, {1.8, 80.5}}, a.values().toDoubleMatrix());
        Path plain = Files.writeString(folder.resolve("b.csv"), "1,2,3\n4,5,6\n");
        CsvData b = CsvData.read(plain);
        assertEquals(List.of("column-1", "column-2", "column-3"), b.header());
        assertArrayEquals(new long[] {2, 3}, b.values().shape());
    }

    @Test
    void csvErrorsNameTheLineAndColumn(@TempDir Path folder) throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.csv"), "x,y\n1,2\n3,abc\n");
        IllegalArgumentException cell = assertThrows(IllegalArgumentException.class, () -> CsvData.read(bad));
        assertTrue(cell.getMessage().contains("line 3 column 2") && cell.getMessage().contains("'abc'"), cell.getMessage());
        Path ragged = Files.writeString(folder.resolve("ragged.csv"), "1,2\n3\n");
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> CsvData.read(ragged));
        assertTrue(row.getMessage().contains("line 2") && row.getMessage().contains("expected 2 columns"), row.getMessage());
        // a first row with one malformed cell is data with an error, not a header that would silently drop it
        Path typo = Files.writeString(folder.resolve("typo.csv"), "1.5,6O\n2,3\n");
        IllegalArgumentException first = assertThrows(IllegalArgumentException.class, () -> CsvData.read(typo));
        assertTrue(first.getMessage().contains("line 1 column 2") && first.getMessage().contains("'6O'"), first.getMessage());
        Path nan = Files.writeString(folder.resolve("nan.csv"), "1,NaN\n");
        assertThrows(IllegalArgumentException.class, () -> CsvData.read(nan));
        assertThrows(IllegalArgumentException.class, () -> CsvData.read(folder.resolve("missing.csv")));
    }
}
