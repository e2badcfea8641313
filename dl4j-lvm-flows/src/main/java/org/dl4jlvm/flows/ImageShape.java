package org.dl4jlvm.flows;

import java.io.Serializable;
import java.util.Objects;
import org.dl4jlvm.core.Checks;

/**
 * The shape {@code (channels, height, width)} of the images an image flow step maps. Image steps keep DESIGN's
 * log-det convention by carrying images flat, in NCHW order, as {@code [C*H*W | logDet]}: coordinate
 * {@code c H W + i W + j} is channel c at row i, column j, and each step reshapes inside its own definition.
 */
public final class ImageShape implements Serializable {
    private static final long serialVersionUID = 1L;
    private int channels;
    private int height;
    private int width;

    /** For Jackson. */
    public ImageShape() {
    }

    private ImageShape(int channels, int height, int width) {
        this.channels = Checks.atLeastOne("channels", channels);
        this.height = Checks.atLeastOne("height", height);
        this.width = Checks.atLeastOne("width", width);
    }

    /** The shape of {@code channels} maps of {@code height x width}, each at least 1. */
    public static ImageShape of(int channels, int height, int width) {
        return new ImageShape(channels, height, width);
    }

    /** D = C H W: the width of a flat image. */
    public long size() {
        return (long) channels * height * width;
    }

    /** H W: the pixels of one channel. */
    public int pixels() {
        return height * width;
    }

    /** The shape after a 2 x 2 squeeze, {@code (4C, H/2, W/2)}; H and W must be even. */
    public ImageShape squeezed() {
        if (height % 2 != 0 || width % 2 != 0) {
            throw new IllegalArgumentException("squeeze: expected an even height and width, found " + this);
        }
        return new ImageShape(4 * channels, height / 2, width / 2);
    }

    /** The shape after factoring out all but {@code kept} channels. */
    public ImageShape withChannels(int kept) {
        return new ImageShape(kept, height, width);
    }

    /** Checks that a step of dimension D maps images of this shape: D = C H W. */
    void check(String what, long dimension) {
        if (size() != dimension) {
            throw new IllegalArgumentException(what + ": expected dimension C*H*W = " + size() + " for images " + this
                    + ", found " + dimension);
        }
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageShape && channels == ((ImageShape) o).channels && height == ((ImageShape) o).height
                && width == ((ImageShape) o).width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, height, width);
    }

    @Override
    public String toString() {
        return "(" + channels + ", " + height + ", " + width + ")";
    }
}
