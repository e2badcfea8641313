package org.dl4jlvm.data;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Two-dimensional test densities, drawn in code with a seed (as in the FFJORD and nflows toy sets), each with
 * its exact log-density (by quadrature along the curve for the curve-shaped ones) and hence its entropy.
 */
public enum Density2D {
    /**
     * Two interleaved half circles: {@code t ~ U[0, pi]}, upper moon {@code (cos t, sin t)}, lower moon
     * {@code (1 - cos t, 0.5 - sin t)}, each with probability 1/2, then {@code 2 * (point + N(0, 0.1^2 I)) + (-1, -0.2)}.
     * Entropy about 2.39 nats.
     */
    MOONS,
    /**
     * Eight Gaussians of standard deviation {@code 0.5 / 1.414} at {@code 4 / 1.414} times the unit vectors at
     * angles {@code k * 45} degrees, equally weighted. Entropy about 2.84 nats.
     */
    EIGHT_GAUSSIANS,
    /**
     * Uniform on the 8 "black" squares (2 x 2 each, {@code floor(x/2) + floor(y/2)} even) of a 4 x 4 checkerboard
     * on {@code [-4, 4]^2}. Entropy exactly {@code ln 32}.
     */
    CHECKERBOARD,
    /**
     * Four concentric circles of radii 3, 2.25, 1.5 and 0.75, equally weighted, uniform in angle, with
     * {@code N(0, 0.08^2 I)} noise. Entropy about 2.62 nats.
     */
    RINGS;

    private static final double MOON_NOISE = 0.2;
    private static final double GAUSSIAN_STD = 0.5 / 1.414;
    private static final double RING_NOISE = 0.08;
    private static final double[] RADII = {3.0, 2.25, 1.5, 0.75};
    private static final int QUADRATURE = 1000;

    private volatile double entropy = Double.NaN;

    /** Parses a name such as {@code moons}, {@code eight-gaussians} or {@code 8gaussians}, case-insensitively. */
    public static Density2D parse(String name) {
        String key = name.trim().toUpperCase().replace('-', '_');
        if (key.equals("8GAUSSIANS")) {
            return EIGHT_GAUSSIANS;
        }
        for (Density2D density : values()) {
            if (density.name().equals(key)) {
                return density;
            }
        }
        throw new IllegalArgumentException("dataset: expected one of moons, eight-gaussians, checkerboard, rings; found '"
                + name + "'");
    }

    /** The name used on the command line, e.g. {@code eight-gaussians}. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    /** {@code n} points, {@code [n, 2]} in the given data type, drawn with {@code seed}. */
    public INDArray sample(int n, long seed, DataType type) {
        return sampleWithComponents(n, seed, type).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).dup();
    }

    /**
     * The same {@code n} points as {@link #sample} with the same seed, and in a third column the mixture component each
     * was drawn from, in [0, {@link #components()}): the moon, the Gaussian, the square or the ring.
     */
    public INDArray sampleWithComponents(int n, long seed, DataType type) {
        Random random = new Random(seed);
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = draw(random);
        }
        return Nd4j.createFromArray(points).castTo(type);
    }

    /** The number of mixture components: 2 moons, 8 Gaussians, 8 squares, 4 rings. */
    public int components() {
        switch (this) {
            case MOONS:
                return 2;
            case RINGS:
                return RADII.length;
            default:
                return 8;
        }
    }

    /** {x, y, component}. */
    private double[] draw(Random random) {
        switch (this) {
            case MOONS: {
                double t = Math.PI * random.nextDouble();
                int k = random.nextBoolean() ? 0 : 1;
                double[] c = moon(k, t);
                return new double[] {c[0] + MOON_NOISE * random.nextGaussian(), c[1] + MOON_NOISE * random.nextGaussian(), k};
            }
            case EIGHT_GAUSSIANS: {
                int k = random.nextInt(8);
                double[] c = gaussianCenter(k);
                return new double[] {c[0] + GAUSSIAN_STD * random.nextGaussian(), c[1] + GAUSSIAN_STD * random.nextGaussian(),
                        k};
            }
            case CHECKERBOARD: {
                double x = 4 * random.nextDouble() - 2;
                double u = random.nextDouble();
                int row = random.nextInt(2);
                double y = u - 2 * row + Math.floorMod((int) Math.floor(x), 2);
                return new double[] {2 * x, 2 * y, 2 * (Math.floor(x) + 2) + row};
            }
            default: {
                int k = random.nextInt(RADII.length);
                double r = RADII[k];
                double a = 2 * Math.PI * random.nextDouble();
                return new double[] {r * Math.cos(a) + RING_NOISE * random.nextGaussian(),
                        r * Math.sin(a) + RING_NOISE * random.nextGaussian(), k};
            }
        }
    }

    /** The centre line of moon {@code k} (0 upper, 1 lower) at parameter t, in data coordinates. */
    private static double[] moon(int k, double t) {
        double x = k == 0 ? Math.cos(t) : 1 - Math.cos(t);
        double y = k == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
        return new double[] {2 * x - 1, 2 * y - 0.2};
    }

    private static double[] gaussianCenter(int k) {
        double angle = k * Math.PI / 4;
        return new double[] {4 * Math.cos(angle) / 1.414, 4 * Math.sin(angle) / 1.414};
    }

    /** The exact log-density at (x, y), in nats ({@code -Infinity} outside the support). */
    public double logDensity(double x, double y) {
        switch (this) {
            case MOONS:
                return Math.log(0.5 * (curveAverage(t -> gauss(x, y, moon(0, t), MOON_NOISE), Math.PI)
                        + curveAverage(t -> gauss(x, y, moon(1, t), MOON_NOISE), Math.PI)));
            case EIGHT_GAUSSIANS: {
                double sum = 0;
                for (int k = 0; k < 8; k++) {
                    sum += gauss(x, y, gaussianCenter(k), GAUSSIAN_STD) / 8;
                }
                return Math.log(sum);
            }
            case CHECKERBOARD: {
                boolean inside = Math.abs(x) < 4 && Math.abs(y) < 4
                        && Math.floorMod((int) Math.floor(x / 2) + (int) Math.floor(y / 2), 2) == 0;
                return inside ? -Math.log(32) : Double.NEGATIVE_INFINITY;
            }
            default: {
                double sum = 0;
                for (double r : RADII) {
                    sum += curveAverage(a -> gauss(x, y, new double[] {r * Math.cos(a), r * Math.sin(a)}, RING_NOISE),
                            2 * Math.PI) / RADII.length;
                }
                return Math.log(sum);
            }
        }
    }

    /** The log-density of each row of {@code points} ([n, 2]), as a double array. */
    public double[] logDensity(INDArray points) {
        double[][] rows = points.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] result = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            result[i] = logDensity(rows[i][0], rows[i][1]);
        }
        return result;
    }

    /**
     * The entropy {@code -E[log p(x)]} in nats: exact for the checkerboard; otherwise a Monte Carlo mean over
     * 20,000 seeded samples of the exact log-density (standard error below 0.01), computed once.
     */
    public double entropy() {
        if (this == CHECKERBOARD) {
            return Math.log(32);
        }
        if (Double.isNaN(entropy)) {
            double[] logP = logDensity(sample(20_000, 4242, DataType.DOUBLE));
            double sum = 0;
            for (double value : logP) {
                sum -= value;
            }
            entropy = sum / logP.length;
        }
        return entropy;
    }

    /** Midpoint-rule average of f over t in [0, length). */
    private static double curveAverage(DoubleUnaryOperator f, double length) {
        double sum = 0;
        for (int i = 0; i < QUADRATURE; i++) {
            sum += f.applyAsDouble(length * (i + 0.5) / QUADRATURE);
        }
        return sum / QUADRATURE;
    }

    private static double gauss(double x, double y, double[] center, double std) {
        double dx = x - center[0];
        double dy = y - center[1];
        return Math.exp(-(dx * dx + dy * dy) / (2 * std * std)) / (2 * Math.PI * std * std);
    }
}
