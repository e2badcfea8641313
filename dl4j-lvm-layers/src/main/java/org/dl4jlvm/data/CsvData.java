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
            if (header == null && rows.isEmpty() && isHeader(lines.get(line))) {
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
            rows.add(parseRow(file.toString(), line + 1, lines.get(line)));
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

    /** Whether a line of a CSV file is a header: none of its comma-separated cells is a number. */
    public static boolean isHeader(String line) {
        for (String cell : line.split(",", -1)) {
            try {
                Double.parseDouble(cell.trim());
                return false;
            } catch (NumberFormatException e) {
                // a name
            }
        }
        return true;
    }

    /**
     * The numbers of line {@code line} (counted from 1) of the CSV file {@code source}; fails naming the line and
     * column of a cell that is not a finite number.
     */
    public static double[] parseRow(String source, long line, String text) {
        String[] cells = text.split(",", -1);
        double[] row = new double[cells.length];
        for (int column = 0; column < cells.length; column++) {
            row[column] = parse(source, line, column, cells[column]);
        }
        return row;
    }

    private static double parse(String source, long line, int column, String cell) {
        double value;
        try {
            value = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("csv " + source + " line " + line + " column " + (column + 1)
                    + ": expected a finite number, found '" + cell.trim() + "'");
        }
        return value;
    }
}
