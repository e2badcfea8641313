package org.dl4jlvm.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file (comma-separated; blank lines ignored) into a {@code [rows, columns]} matrix.
 * The first non-blank row is a header when none of its cells is a number (column names); a first row with some
 * numbers is data, and its other cells are errors like any malformed cell. Every data cell must be a finite number
 * and every row as wide as the first; otherwise the error names the line and column.
 */
public final class CsvData {
    private final List<String> header;
    private final INDArray values;

    private CsvData(List<String> header, INDArray values) {
        this.header = header;
        this.values = values;
    }

    /** Column names (from the header, or {@code column-1...}). */
    public List<String> header() {
        return header;
    }

    /** The values, {@code [rows, columns]}, in DOUBLE. */
    public INDArray values() {
        return values;
    }

    public static CsvData read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("csv: no such file: " + file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            if (lines.get(line).isBlank()) {
                continue;
            }
            String[] cells = lines.get(line).split(",", -1);
            if (header == null && rows.isEmpty() && noneNumeric(cells)) {
                header = new ArrayList<>();
                for (String cell : cells) {
                    header.add(cell.trim());
                }
                continue;
            }
            int width = header != null ? header.size() : rows.isEmpty() ? cells.length : rows.get(0).length;
            if (cells.length != width) {
                throw new IllegalArgumentException("csv " + file + " line " + (line + 1) + ": expected " + width
                        + " columns, found " + cells.length);
            }
            double[] row = new double[cells.length];
            for (int column = 0; column < cells.length; column++) {
                row[column] = parse(file, line, column, cells[column]);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("csv " + file + ": expected at least one row of numbers, found none");
        }
        if (header == null) {
            header = new ArrayList<>();
            for (int column = 0; column < rows.get(0).length; column++) {
                header.add("column-" + (column + 1));
            }
        }
        return new CsvData(header, Nd4j.createFromArray(rows.toArray(new double[0][])).castTo(DataType.DOUBLE));
    }

    private static boolean noneNumeric(String[] cells) {
        for (String cell : cells) {
            try {
                Double.parseDouble(cell.trim());
                return false;
            } catch (NumberFormatException e) {
                // a name
            }
        }
        return true;
    }

    private static double parse(Path file, int line, int column, String cell) {
        double value;
        try {
            value = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("csv " + file + " line " + (line + 1) + " column " + (column + 1)
                    + ": expected a finite number, found '" + cell.trim() + "'");
        }
        return value;
    }
}
