package org.dl4jlvm.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The sbi command's pictures, drawn with XChart: the corner plot of posterior samples and SBC rank histograms. */
final class SbiPictures {
    private static final int PANEL = 260;
    private static final int BINS = 30;
    private static final int SCATTER_POINTS = 3000;

    private SbiPictures() {
    }

    /**
     * Pairwise scatter plots below the diagonal and a histogram of each parameter on it; {@code truth}, when not null,
     * marked in red.
     */
    static void corner(double[][] samples, String[] names, double[] truth, Path file) throws IOException {
        int k = names.length;
        List<List<Chart<?, ?>>> grid = new ArrayList<>();
        for (int row = 0; row < k; row++) {
            List<Chart<?, ?>> charts = new ArrayList<>();
            for (int col = 0; col <= row; col++) {
                charts.add(row == col ? histogram(column(samples, row), names[row], truth == null ? null : truth[row])
                        : scatter(samples, col, row, names, truth));
            }
            grid.add(charts);
        }
        write(grid, k, file);
    }

    private static CategoryChart histogram(double[] values, String name, Double truth) {
        double min = java.util.Arrays.stream(values).min().orElse(0);
        double max = java.util.Arrays.stream(values).max().orElse(1);
        double width = max > min ? (max - min) / BINS : 1;
        List<Double> centres = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            centres.add(min + (b + 0.5) * width);
            counts.add(0);
        }
        for (double value : values) {
            int b = Math.min(BINS - 1, (int) ((value - min) / width));
            counts.set(b, counts.get(b) + 1);
        }
        CategoryChart chart = new CategoryChartBuilder().width(PANEL).height(PANEL)
                .title(truth == null ? name : String.format("%s (true %.3g)", name, truth)).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
        chart.getStyler().setAvailableSpaceFill(1.0);
        chart.addSeries("samples", centres, counts).setFillColor(new Color(70, 110, 180));
        return chart;
    }

    private static XYChart scatter(double[][] samples, int x, int y, String[] names, double[] truth) {
        int step = Math.max(1, samples.length / SCATTER_POINTS);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < samples.length; i += step) {
            xs.add(samples[i][x]);
            ys.add(samples[i][y]);
        }
        XYChart chart = new XYChartBuilder().width(PANEL).height(PANEL).xAxisTitle(names[x]).yAxisTitle(names[y]).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(2);
        chart.addSeries("samples", xs, ys).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(70, 110, 180, 90));
        if (truth != null) {
            // red lines through the true value across the panel: a marker takes the chart's one marker size, 2 pixels
            double[] xRange = range(xs, truth[x]);
            double[] yRange = range(ys, truth[y]);
            crosshair(chart.addSeries("true " + names[x], new double[] {truth[x], truth[x]}, yRange));
            crosshair(chart.addSeries("true " + names[y], xRange, new double[] {truth[y], truth[y]}));
        }
        return chart;
    }

    private static void crosshair(XYSeries line) {
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.RED);
        line.setLineWidth(1.5f);
    }

    /** The smallest and largest of the values and one more. */
    private static double[] range(List<Double> values, double also) {
        double min = also;
        double max = also;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new double[] {min, max};
    }

    /** One histogram of the ranks (0..draws) per parameter, in a row. */
    static void ranks(int[][] ranks, int draws, String[] names, Path file) throws IOException {
        List<Chart<?, ?>> charts = new ArrayList<>();
        int bins = Math.min(20, draws + 1);
        for (int k = 0; k < names.length; k++) {
            List<Integer> counts = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                counts.add(0);
                labels.add(String.valueOf(b * (draws + 1) / bins));
            }
            for (int rank : ranks[k]) {
                int b = Math.min(bins - 1, rank * bins / (draws + 1));
                counts.set(b, counts.get(b) + 1);
            }
            CategoryChart chart = new CategoryChartBuilder().width(PANEL + 60).height(PANEL).title("SBC ranks: " + names[k])
                    .xAxisTitle("rank among " + draws).build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisLabelRotation(90);
            chart.addSeries("ranks", labels, counts);
            charts.add(chart);
        }
        write(List.of(charts), charts.size(), file);
    }

    private static void write(List<List<Chart<?, ?>>> grid, int columns, Path file) throws IOException {
        int width = 0;
        for (List<Chart<?, ?>> row : grid) {
            int rowWidth = 0;
            for (Chart<?, ?> chart : row) {
                rowWidth += chart.getWidth();
            }
            width = Math.max(width, rowWidth);
        }
        int height = grid.stream().mapToInt(row -> row.get(0).getHeight()).sum();
        BufferedImage image = new BufferedImage(Math.max(width, columns), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        int top = 0;
        for (List<Chart<?, ?>> row : grid) {
            int left = 0;
            for (Chart<?, ?> chart : row) {
                g.drawImage(BitmapEncoder.getBufferedImage(chart), left, top, null);
                left += chart.getWidth();
            }
            top += row.get(0).getHeight();
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double[] column(double[][] rows, int k) {
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][k];
        }
        return values;
    }
}
