package org.dl4jlvm.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Pictures of 2-D densities: side-by-side heat maps and scatter plots over a square window. */
public final class Plots2D {
    private static final int PANEL = 360;
    private static final int GAP = 10;

    private Plots2D() {
    }

    /** A window [min, max]^2 that covers the given points with a 10% margin. */
    public static double[] window(INDArray points) {
        INDArray p = points.castTo(DataType.DOUBLE);
        double min = Math.min(p.getColumn(0).minNumber().doubleValue(), p.getColumn(1).minNumber().doubleValue());
        double max = Math.max(p.getColumn(0).maxNumber().doubleValue(), p.getColumn(1).maxNumber().doubleValue());
        double margin = 0.1 * (max - min);
        return new double[] {min - margin, max + margin};
    }

    /** The grid of pixel centres of one panel, {@code [PANEL * PANEL, 2]}, row-major from the top-left. */
    public static INDArray grid(double[] window) {
        double[][] points = new double[PANEL * PANEL][];
        for (int row = 0; row < PANEL; row++) {
            for (int col = 0; col < PANEL; col++) {
                points[row * PANEL + col] = new double[] {coordinate(window, col), coordinate(window, PANEL - 1 - row)};
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(points);
    }

    private static double coordinate(double[] window, int pixel) {
        return window[0] + (pixel + 0.5) * (window[1] - window[0]) / PANEL;
    }

    /** Heat maps of densities, one panel each, from their values on {@link #grid} (each scaled to its maximum). */
    public static void heatMaps(List<double[]> densities, Path file) throws IOException {
        BufferedImage image = canvas(densities.size());
        for (int panel = 0; panel < densities.size(); panel++) {
            double[] values = densities.get(panel);
            double max = 0;
            for (double v : values) {
                max = Math.max(max, Double.isFinite(v) ? v : 0);
            }
            for (int i = 0; i < values.length; i++) {
                double t = max > 0 && Double.isFinite(values[i]) ? values[i] / max : 0;
                image.setRGB(left(panel) + i % PANEL, GAP + i / PANEL, colour(t).getRGB());
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Scatter plots, one panel per entry of {@code panels}: grey points under black points. */
    public static void scatter(double[] window, List<INDArray[]> panels, Path file) throws IOException {
        BufferedImage image = canvas(panels.size());
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int panel = 0; panel < panels.size(); panel++) {
            g.setColor(Color.WHITE);
            g.fillRect(left(panel), GAP, PANEL, PANEL);
            Color[] colours = {new Color(170, 170, 170), new Color(200, 40, 40)};
            for (int layer = 0; layer < panels.get(panel).length; layer++) {
                g.setColor(colours[layer % 2]);
                double[][] points = panels.get(panel)[layer].castTo(DataType.DOUBLE).toDoubleMatrix();
                for (double[] point : points) {
                    int x = (int) ((point[0] - window[0]) / (window[1] - window[0]) * PANEL);
                    int y = PANEL - 1 - (int) ((point[1] - window[0]) / (window[1] - window[0]) * PANEL);
                    if (x >= 0 && x < PANEL && y >= 0 && y < PANEL) {
                        g.fillOval(left(panel) + x - 1, GAP + y - 1, 3, 3);
                    }
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(left(panel), GAP, PANEL - 1, PANEL - 1);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * One scatter plot of 2-D points coloured by their integer label, with a legend of {@code names} (label i is
     * {@code names[i]}); the window covers the points.
     */
    public static void labelled(INDArray points, int[] labels, String[] names, Path file) throws IOException {
        double[][] xy = points.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] window = window(points);
        int legendWidth = 130;
        BufferedImage image = new BufferedImage(PANEL + 2 * GAP + legendWidth, PANEL + 2 * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < xy.length; i++) {
            int x = (int) ((xy[i][0] - window[0]) / (window[1] - window[0]) * PANEL);
            int y = PANEL - 1 - (int) ((xy[i][1] - window[0]) / (window[1] - window[0]) * PANEL);
            g.setColor(category(labels[i], names.length));
            g.fillOval(GAP + x - 1, GAP + y - 1, 3, 3);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(GAP, GAP, PANEL - 1, PANEL - 1);
        for (int label = 0; label < names.length; label++) {
            int top = GAP + 8 + label * 18;
            g.setColor(category(label, names.length));
            g.fillRect(PANEL + 2 * GAP, top, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(names[label], PANEL + 2 * GAP + 16, top + 10);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Evenly spaced hues for {@code count} categories. */
    private static Color category(int label, int count) {
        return Color.getHSBColor(label / (float) count, 0.85f, label % 2 == 0 ? 0.85f : 0.6f);
    }

    /** Evaluates a function of (x, y) on {@link #grid}. */
    public static double[] evaluate(double[] window, ToDoubleBiFunction<Double, Double> f) {
        double[] values = new double[PANEL * PANEL];
        for (int row = 0; row < PANEL; row++) {
            for (int col = 0; col < PANEL; col++) {
                values[row * PANEL + col] = f.applyAsDouble(coordinate(window, col), coordinate(window, PANEL - 1 - row));
            }
        }
        return values;
    }

    private static BufferedImage canvas(int panels) {
        BufferedImage image = new BufferedImage(panels * (PANEL + GAP) + GAP, PANEL + 2 * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        return image;
    }

    private static int left(int panel) {
        return GAP + panel * (PANEL + GAP);
    }

    /** A dark-blue to yellow colour ramp for t in [0, 1]. */
    private static Color colour(double t) {
        float h = (float) (0.66 - 0.5 * t);
        return Color.getHSBColor(h, 0.9f, (float) (0.15 + 0.85 * Math.sqrt(t)));
    }
}
