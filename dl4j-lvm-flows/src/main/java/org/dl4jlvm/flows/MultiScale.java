package org.dl4jlvm.flows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * The multi-scale image flow of RealNVP and Glow as a {@link StepFactory}: each step of the {@link FlowGraphBuilder}
 * is one level. A level squeezes its images (C, H, W) to (4C, H/2, W/2), then runs K Glow steps (per-channel
 * {@link ActNorm}, the invertible 1 x 1 convolution, an affine {@link ConvolutionalCoupling} with channel masks of
 * alternating parity); every level but the last then factors out its second half of channels to the base density and
 * the next level transforms the first half. With the split prior (default on), before factoring out, a coupling maps
 * the factored half by a mean and scale computed from the kept half: Glow's learned conditional prior
 * {@code N(z2; mu(z1), sigma(z1))} written as a step, so the base stays {@code N(0, I)}.
 *
 * <p>Factoring out keeps DESIGN's flat activations: the factored-out coordinates are the last ones of the NCHW vector,
 * and each later step carries them unchanged ({@link SameDiffFlowStep#getFactoredOut()}), so the graph stays one chain
 * {@code [x | logDet]} of width D + 1 and the likelihood layer scores them with the rest.
 *
 * <p>Example, two levels of 8 steps on Fashion-MNIST: {@code new FlowGraphBuilder(new MultiScale(ImageShape.of(1, 28,
 * 28), 8), 784).steps(2).hidden(128, 128).dequantize(256).build()}.
 *
 * <p>References: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017 (arXiv:1605.08803), section
 * 3.6; Kingma and Dhariwal, Glow, 2018 (arXiv:1807.03039).
 */
public final class MultiScale implements StepFactory {
    private final ImageShape shape;
    private final int stepsPerLevel;
    private final boolean splitPrior;

    /** K steps per level on images of {@code shape}, with the split prior. */
    public MultiScale(ImageShape shape, int stepsPerLevel) {
        this(shape, stepsPerLevel, true);
    }

    public MultiScale(ImageShape shape, int stepsPerLevel, boolean splitPrior) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.stepsPerLevel = Checks.atLeastOne("stepsPerLevel", stepsPerLevel);
        this.splitPrior = splitPrior;
    }

    /** The images level {@code index} starts from (before its squeeze): the first half of the previous level's channels. */
    public ImageShape levelInput(int index) {
        ImageShape level = shape;
        for (int i = 0; i < index; i++) {
            ImageShape squeezed = level.squeezed();
            level = squeezed.withChannels(squeezed.getChannels() / 2);
        }
        return level;
    }

    /**
     * Level {@code index}: from the second level on, first the previous level's split prior (on its squeezed images,
     * before this level leaves its second half of channels alone), then the squeeze and the K steps.
     */
    @Override
    public Map<String, Layer> step(int index, StepSettings s) {
        if (s.contextWidth() != 0) {
            throw new IllegalArgumentException("MultiScale: the convolutional couplings read no context; expected "
                    + "contextWidth 0, found " + s.contextWidth());
        }
        shape.check("MultiScale", s.dimension());
        ImageShape input;
        ImageShape squeezed;
        try {
            input = levelInput(index);
            squeezed = input.squeezed();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MultiScale: level " + (index + 1) + " cannot squeeze the images of "
                    + shape + " once more (" + e.getMessage() + "); use fewer levels", e);
        }
        long factored = shape.size() - input.size();
        Map<String, Layer> layers = new LinkedHashMap<>();
        if (index > 0 && splitPrior) {
            ImageShape previous = levelInput(index - 1).squeezed();
            layers.put("split-prior-" + (index - 1), coupling(s, previous, Masks.channels(previous, 0),
                    shape.size() - previous.size()));
        }
        layers.put("squeeze-" + index, new Squeeze.Builder().shape(input).factoredOut(factored).build());
        int c = squeezed.getChannels();
        long d = squeezed.size();
        for (int k = 0; k < stepsPerLevel; k++) {
            String name = index + "-" + k;
            layers.put("actnorm-" + name, new ActNorm.Builder().dimension(d).channels(c).factoredOut(factored).build());
            layers.put("1x1-" + name, new InvertibleLinear.Builder().dimension(d).channels(c).factoredOut(factored)
                    .seed(s.seed() + 1000L * index + k).build());
            layers.put("coupling-" + name, coupling(s, squeezed, Masks.channels(squeezed, k % 2), factored));
        }
        return layers;
    }

    private static ConvolutionalCoupling coupling(StepSettings s, ImageShape images, int[] mask, long factored) {
        return new ConvolutionalCoupling.Builder().shape(images).mask(mask).transform(s.affine()).hidden(s.hidden())
                .activation(s.activation()).factoredOut(factored).build();
    }
}
