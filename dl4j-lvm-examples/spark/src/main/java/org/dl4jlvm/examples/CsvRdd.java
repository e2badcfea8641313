package org.dl4jlvm.examples;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.data.CsvData;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric CSV file read by Spark, with {@link CsvData}'s rules for a header and for numbers, and split into
 * training rows, which stay distributed, and test rows (about one in ten, chosen by a seeded hash of the row number),
 * which come to the driver. The column statistics of the training rows are computed on the workers.
 */
final class CsvRdd {
    private final JavaRDD<float[]> train;
    private final INDArray test;
    private final long trainRows;
    private final double[] means;
    private final double[] deviations;

    private CsvRdd(JavaRDD<float[]> train, INDArray test, long trainRows, double[] means, double[] deviations) {
        this.train = train;
        this.test = test;
        this.trainRows = trainRows;
        this.means = means;
        this.deviations = deviations;
    }

    /** Reads {@code name} (any path or URL {@code textFile} takes) and splits it by {@code seed}. */
    static CsvRdd read(JavaSparkContext spark, String name, long seed) {
        JavaRDD<float[]> rows = spark.textFile(name).zipWithIndex()
                .filter(line -> !line._1().isBlank())
                .filter(line -> line._2() > 0 || !CsvData.isHeader(line._1()))
                .map(line -> toFloats(CsvData.parseRow(name, line._2() + 1, line._1())))
                .cache();
        JavaRDD<float[]> test = rows.zipWithIndex().filter(row -> isTest(seed, row._2())).map(row -> row._1());
        JavaRDD<float[]> train = rows.zipWithIndex().filter(row -> !isTest(seed, row._2())).map(row -> row._1()).cache();
        List<float[]> testRows = test.collect();
        if (testRows.isEmpty()) {
            throw new IllegalArgumentException("--csv: expected at least 10 rows for a 90/10 split, found too few in " + name);
        }
        double[][] moments = train.map(CsvRdd::moments).reduce(CsvRdd::add);
        long n = Math.round(moments[0][0]);
        int width = moments[1].length;
        double[] means = new double[width];
        double[] deviations = new double[width];
        for (int j = 0; j < width; j++) {
            means[j] = moments[1][j] / n;
            double variance = n > 1 ? (moments[2][j] - n * means[j] * means[j]) / (n - 1) : 0;
            deviations[j] = variance > 0 ? Math.sqrt(variance) : 1.0;
        }
        return new CsvRdd(train, Nd4j.create(testRows.toArray(new float[0][])), n, means, deviations);
    }

    JavaRDD<float[]> train() {
        return train;
    }

    INDArray test() {
        return test;
    }

    long trainRows() {
        return trainRows;
    }

    double[] trainMeans() {
        return means.clone();
    }

    double[] trainDeviations() {
        return deviations.clone();
    }

    private static boolean isTest(long seed, long row) {
        return Long.remainderUnsigned(RowRdds.mix(seed, 0, row), 10) == 0;
    }

    private static float[] toFloats(double[] values) {
        float[] row = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            row[j] = (float) values[j];
        }
        return row;
    }

    /** {count}, column sums and column sums of squares of one row. */
    private static double[][] moments(float[] row) {
        double[][] moments = {{1}, new double[row.length], new double[row.length]};
        for (int j = 0; j < row.length; j++) {
            moments[1][j] = row[j];
            moments[2][j] = (double) row[j] * row[j];
        }
        return moments;
    }

    private static double[][] add(double[][] a, double[][] b) {
        if (a[1].length != b[1].length) {
            throw new IllegalArgumentException("--csv: expected every row to have " + a[1].length + " columns, found one with "
                    + b[1].length);
        }
        double[][] sum = {{a[0][0] + b[0][0]}, new double[a[1].length], new double[a[1].length]};
        for (int j = 0; j < a[1].length; j++) {
            sum[1][j] = a[1][j] + b[1][j];
            sum[2][j] = a[2][j] + b[2][j];
        }
        return sum;
    }
}
