package org.dl4jlvm.vae;

/** The latent width Q of an encoder head {@code [mean | logVariance]} of width 2Q. */
public final class LatentWidth {
    private LatentWidth() {
    }

    /** Q for a head of width {@code width}; fails when the width is odd or not positive. */
    public static long of(String parameter, long width) {
        if (width < 2 || width % 2 != 0) {
            throw new IllegalArgumentException(parameter + ": expected [mean | logVariance] of even width 2Q >= 2, found width "
                    + width);
        }
        return width / 2;
    }
}
