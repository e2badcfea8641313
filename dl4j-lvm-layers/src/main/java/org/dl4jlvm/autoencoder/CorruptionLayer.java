package org.dl4jlvm.autoencoder;

import java.util.Collection;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.LayerWiring;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Corrupts its input while training, for denoising autoencoders, and is the identity at inference:
 * <ul>
 * <li>{@link Kind#GAUSSIAN}: {@code x + level * eps}, {@code eps ~ N(0, 1)};</li>
 * <li>{@link Kind#MASKING}: each entry set to 0 with probability {@code level};</li>
 * <li>{@link Kind#SALT_AND_PEPPER}: each entry, with probability {@code level}, set to {@code low} or
 * {@code high} (default 0 and 1) with equal chance.</li>
 * </ul>
 * The noise is drawn afresh per example and per iteration, kept for the backward pass (which passes the
 * gradient through the entries left intact), and works on input of any shape. Placed right after the
 * network input, with the reconstruction head scoring the clean features, it makes an autoencoder denoising.
 *
 * <p>Reference: Vincent, Larochelle, Lajoie, Bengio and Manzagol, Stacked Denoising Autoencoders, JMLR 11, 2010.
 */
public class CorruptionLayer extends NoParamLayer {

    /** The kind of corruption. */
    public enum Kind { GAUSSIAN, MASKING, SALT_AND_PEPPER }

    private Kind kind = Kind.MASKING;
    private double level = 0.25;
    private double low;
    private double high = 1;

    /** For Jackson: masking noise that drops a quarter of the entries. */
    public CorruptionLayer() {
    }

    private CorruptionLayer(Builder builder) {
        super(builder);
        this.kind = builder.kind;
        this.level = builder.level;
        this.low = builder.low;
        this.high = builder.high;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The noise's standard deviation (Gaussian) or the fraction of corrupted entries (masking, salt-and-pepper). */
    public double getLevel() {
        return level;
    }

    public void setLevel(double level) {
        this.level = level;
    }

    /** The value of "pepper" entries (salt-and-pepper only). */
    public double getLow() {
        return low;
    }

    public void setLow(double low) {
        this.low = low;
    }

    /** The value of "salt" entries (salt-and-pepper only). */
    public double getHigh() {
        return high;
    }

    public void setHigh(double high) {
        this.high = high;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CorruptionLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // works on any input shape
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, CorruptionLayer.class, inputType, inputType)
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, 2 * inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Builder: choose one of {@link #gaussian}, {@link #masking} or {@link #saltAndPepper}. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        private Kind kind = Kind.MASKING;
        private double level = 0.25;
        private double low;
        private double high = 1;

        /** Additive Gaussian noise with standard deviation {@code std >= 0}. */
        public Builder gaussian(double std) {
            this.kind = Kind.GAUSSIAN;
            this.level = Checks.nonNegative("std", std);
            return this;
        }

        /** Masking noise: each entry is set to 0 with probability {@code fraction} in [0, 1]. */
        public Builder masking(double fraction) {
            this.kind = Kind.MASKING;
            this.level = fraction("fraction", fraction);
            return this;
        }

        /** Salt-and-pepper noise for data in [0, 1]: a {@code fraction} of the entries set to 0 or 1. */
        public Builder saltAndPepper(double fraction) {
            return saltAndPepper(fraction, 0, 1);
        }

        /** Salt-and-pepper noise: a {@code fraction} of the entries set to {@code low} or {@code high}. */
        public Builder saltAndPepper(double fraction, double low, double high) {
            this.kind = Kind.SALT_AND_PEPPER;
            this.level = fraction("fraction", fraction);
            if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("low, high: expected finite values with low <= high, found " + low + ", " + high);
            }
            this.low = low;
            this.high = high;
            return this;
        }

        private static double fraction(String parameter, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(parameter + ": must be in [0, 1], found " + value);
            }
            return value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CorruptionLayer build() {
            return new CorruptionLayer(this);
        }
    }
}
