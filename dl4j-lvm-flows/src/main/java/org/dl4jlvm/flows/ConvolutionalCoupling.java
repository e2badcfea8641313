package org.dl4jlvm.flows;

import java.util.Objects;
import org.dl4jlvm.flows.conditioner.Conditioner;
import org.dl4jlvm.flows.conditioner.ConvolutionalConditioner;
import org.dl4jlvm.flows.transform.AffineTransform;
import org.dl4jlvm.flows.transform.ElementwiseTransform;

/**
 * A coupling on flat NCHW images ({@link ImageShape}) whose conditioner is convolutional
 * ({@link ConvolutionalConditioner}: 3 x 3, 1 x 1, 3 x 3, the last starting at zero), as in RealNVP's and Glow's image
 * flows. The mask is a checkerboard or channel-wise one ({@link Masks#checkerboard}, {@link Masks#channels}); the
 * kept coordinates pass unchanged and the others go through the transform (affine by default), as in
 * {@link CouplingStep}, whose plumbing it shares. {@code hidden(h1, h2)} sets the two hidden convolutions' channels.
 * It reads no context.
 *
 * <p>Example: {@code new ConvolutionalCoupling.Builder().shape(ImageShape.of(4, 14, 14))
 * .mask(Masks.channels(ImageShape.of(4, 14, 14), 0)).hidden(128, 128).build()}.
 */
public class ConvolutionalCoupling extends CouplingStep {
    private ImageShape shape;

    /** For Jackson. */
    public ConvolutionalCoupling() {
    }

    private ConvolutionalCoupling(Builder builder) {
        super(builder.dimension(Objects.requireNonNull(builder.shape, "shape").size()), builder.transform);
        this.shape = builder.shape;
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        shape.check(describe(), dimension());
        if (getContextWidth() != 0) {
            throw new IllegalArgumentException(describe() + ": a convolutional conditioner reads no context; expected "
                    + "contextWidth 0, found " + getContextWidth());
        }
        ConvolutionalConditioner.checkHidden(describe() + " hidden", getHidden());
    }

    @Override
    public Conditioner conditioner() {
        return new ConvolutionalConditioner(shape.getChannels(), shape.getHeight(), shape.getWidth(), getMask(), getHidden(),
                getTransform().parametersPerCoordinate());
    }

    /** The shape of the images this step maps. */
    public ImageShape getShape() {
        return shape;
    }

    public void setShape(ImageShape shape) {
        this.shape = shape;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Objects.equals(shape, ((ConvolutionalCoupling) o).shape);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(shape);
    }

    /** Builder: the image shape (which sets the dimension), the mask, the hidden channels and the transform. */
    public static class Builder extends Base<Builder> {
        private ImageShape shape;
        private ElementwiseTransform transform = new AffineTransform();

        /** The shape of the images. */
        public Builder shape(ImageShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /** The elementwise transform of the transformed part (default: affine, log-scale bound 3). */
        public Builder transform(ElementwiseTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ConvolutionalCoupling build() {
            return new ConvolutionalCoupling(this);
        }
    }
}
