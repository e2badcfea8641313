package org.dl4jlvm.flows;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Flat NCHW images ({@link ImageShape}) seen channel by channel, for steps whose parameters every pixel shares:
 * {@code D = C P} coordinates, coordinate {@code c P + p} being channel c at pixel p. With P = 1 every coordinate is
 * its own channel and each view is the identity.
 */
final class ChannelLayout {
    private final long channels;
    private final long pixels;

    /** {@code channels} channels of D / channels pixels each; the count must divide D. */
    ChannelLayout(String what, long channels, long dimension) {
        if (channels < 1 || dimension % channels != 0) {
            throw new IllegalArgumentException(what + " channels: expected a divisor of the dimension " + dimension
                    + ", found " + channels);
        }
        this.channels = channels;
        this.pixels = dimension / channels;
    }

    long channels() {
        return channels;
    }

    long pixels() {
        return pixels;
    }

    /** A per-channel row {@code [1, C]} repeated over each channel's pixels, {@code [1, C P]}. */
    SDVariable expand(SameDiff sd, SDVariable perChannel) {
        if (pixels == 1) {
            return perChannel;
        }
        INDArray expansion = Nd4j.zeros(perChannel.dataType(), channels, channels * pixels);
        for (long c = 0; c < channels; c++) {
            for (long p = 0; p < pixels; p++) {
                expansion.putScalar(c, c * pixels + p, 1.0);
            }
        }
        return perChannel.mmul(sd.constant(expansion));
    }

    /** {@code [batch, C P] -> [batch P, C]}: one row per pixel holding its channels. */
    SDVariable toPixelRows(SDVariable x) {
        return pixels == 1 ? x : x.reshape(-1, channels, pixels).permute(0, 2, 1).reshape(-1, channels);
    }

    /** The inverse of {@link #toPixelRows}. */
    SDVariable fromPixelRows(SDVariable rows) {
        return pixels == 1 ? rows : rows.reshape(-1, pixels, channels).permute(0, 2, 1).reshape(-1, channels * pixels);
    }

    /** Per-channel mean and standard deviation over the batch and the pixels, each {@code [1, C]}. */
    INDArray[] moments(INDArray x) {
        INDArray byChannel = x.reshape('c', x.size(0), channels, pixels);
        return new INDArray[] {byChannel.mean(0, 2).reshape(1, channels), byChannel.std(false, 0, 2).reshape(1, channels)};
    }
}
