package org.dl4jlvm.flows;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Squeeze (space to depth), RealNVP's and Glow's way of trading resolution for channels: each 2 x 2 block of a
 * channel becomes four channels. Forward (data to latent) maps an image of shape {@code (C, H, W)} to
 * {@code (4C, H/2, W/2)} with {@code y[4c + 2a + b, i, j] = x[c, 2i + a, 2j + b]}; inverse (latent to data) puts the
 * blocks back. A permutation of the flat coordinates (see {@link ImageShape}), so {@code log|det| = 0}. No
 * parameters.
 *
 * <p>Reference: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017 (arXiv:1605.08803),
 * section 3.6.
 */
public class Squeeze extends RearrangingStep {
    private ImageShape shape;

    /** For Jackson. */
    public Squeeze() {
    }

    private Squeeze(Builder builder) {
        super(builder.dimension(Objects.requireNonNull(builder.shape, "shape").size()));
        this.shape = builder.shape;
        shape.squeezed();
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        shape.check(describe(), dimension());
        shape.squeezed();
    }

    /** The shape of the images this step maps. */
    public ImageShape getShape() {
        return shape;
    }

    public void setShape(ImageShape shape) {
        this.shape = shape;
    }

    /** The shape of its output, {@code (4C, H/2, W/2)}. */
    public ImageShape outputShape() {
        return shape.squeezed();
    }

    @Override
    protected SDVariable rearrange(SameDiff sd, SDVariable x) {
        long c = shape.getChannels();
        long h = shape.getHeight() / 2;
        long w = shape.getWidth() / 2;
        return x.reshape(-1, c, h, 2, w, 2).permute(0, 1, 3, 5, 2, 4).reshape(-1, dimension());
    }

    @Override
    protected SDVariable restore(SameDiff sd, SDVariable y) {
        long c = shape.getChannels();
        long h = shape.getHeight() / 2;
        long w = shape.getWidth() / 2;
        return y.reshape(-1, c, 2, 2, h, w).permute(0, 1, 4, 2, 5, 3).reshape(-1, dimension());
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(shape, ((Squeeze) o).shape);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(shape);
    }

    /** Builder: {@code new Squeeze.Builder().shape(ImageShape.of(1, 28, 28)).build()}; sets the dimension. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        private ImageShape shape;

        /** The shape of the images, with an even height and width. */
        public Builder shape(ImageShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Squeeze build() {
            return new Squeeze(this);
        }
    }
}
