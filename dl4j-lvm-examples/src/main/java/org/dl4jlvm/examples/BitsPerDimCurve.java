package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The bits-per-dimension curve of an image flow's run, drawn with XChart: the training minibatches' bits per dimension
 * at each logged iteration of {@code objective.csv} (its {@code score}, the negative log-likelihood in nats), and the
 * test set's after training as a line.
 */
final class BitsPerDimCurve {
    static final String NAME = "bits_per_dim.png";

    private BitsPerDimCurve() {
    }

    /**
     * Writes the curve from {@code objective} to {@code png}; {@code bits} turns a mean log-likelihood in nats into bits
     * per dimension of the discrete data ({@link org.dl4jlvm.flows.Flow#bitsPerDim(double)}).
     */
    static void write(Path objective, DoubleUnaryOperator bits, double testBits, Path png) throws IOException {
        List<String> lines = Files.readAllLines(objective);
        List<String> header = List.of(lines.get(0).split(","));
        int iterationColumn = header.indexOf("iteration");
        int scoreColumn = header.indexOf("score");
        if (iterationColumn < 0 || scoreColumn < 0) {
            throw new IllegalArgumentException(objective + ": expected columns iteration and score, found " + header);
        }
        List<Double> iterations = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            iterations.add(Double.parseDouble(cells[iterationColumn]));
            train.add(bits.applyAsDouble(-Double.parseDouble(cells[scoreColumn])));
        }
        XYChart chart = new XYChartBuilder().width(640).height(400).title("bits per dimension")
                .xAxisTitle("iteration").yAxisTitle("bits per dimension").build();
        chart.addSeries("training minibatch", iterations, train).setMarker(SeriesMarkers.NONE);
        double last = iterations.isEmpty() ? 1 : Math.max(1, iterations.get(iterations.size() - 1));
        chart.addSeries(String.format("test after training (%.3f)", testBits), new double[] {0, last},
                new double[] {testBits, testBits}).setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
