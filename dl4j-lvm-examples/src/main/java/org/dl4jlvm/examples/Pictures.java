package org.dl4jlvm.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes rows of flattened square greyscale images in [0, 1] as a PNG grid. */
public final class Pictures {
    private static final int GAP = 2;
    private static final int ZOOM = 2;

    private Pictures() {
    }

    /** Lays the rows of {@code images} [n, side * side] out in a grid of {@code columns} columns. */
    public static void grid(INDArray images, int columns, Path file) throws IOException {
        int n = (int) images.size(0);
        int side = (int) Math.round(Math.sqrt(images.size(1)));
        if (side * side != images.size(1)) {
            throw new IllegalArgumentException("images: expected square images, found width " + images.size(1));
        }
        int rows = (n + columns - 1) / columns;
        int cell = side * ZOOM + GAP;
        BufferedImage picture = new BufferedImage(columns * cell + GAP, rows * cell + GAP, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(java.awt.Color.DARK_GRAY);
        g.fillRect(0, 0, picture.getWidth(), picture.getHeight());
        g.dispose();
        float[] values = images.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        for (int k = 0; k < n; k++) {
            int left = GAP + (k % columns) * cell;
            int top = GAP + (k / columns) * cell;
            for (int y = 0; y < side * ZOOM; y++) {
                for (int x = 0; x < side * ZOOM; x++) {
                    float v = values[k * side * side + (y / ZOOM) * side + x / ZOOM];
                    int grey = Math.max(0, Math.min(255, Math.round(v * 255)));
                    picture.getRaster().setSample(left + x, top + y, 0, grey);
                }
            }
        }
        ImageIO.write(picture, "png", file.toFile());
    }
}
