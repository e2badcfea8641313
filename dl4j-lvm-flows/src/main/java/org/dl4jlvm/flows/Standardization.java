package org.dl4jlvm.flows;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.LayerWiring;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed per-coordinate affine map, typically the standardisation of tabular data: forward (data to latent)
 * {@code y = (x - mean) / scale}, {@code log|det| = -sum log scale}; inverse (latent to data)
 * {@code x = y * scale + mean}. No parameters: mean and scale are part of the configuration. Placed first
 * in a flow, it lets the flow train on standardised values while its log-likelihood refers to the data in
 * their original units.
 */
public class Standardization extends SameDiffFlowStep {

    private double[] mean;
    private double[] scale;

    /** For Jackson. */
    public Standardization() {
    }

    private Standardization(Builder builder) {
        super(builder);
        this.mean = builder.mean;
        this.scale = builder.scale;
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        checkLength("mean", mean);
        checkLength("scale", scale);
        for (double s : scale) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException(describe() + " scale: expected finite values > 0, found " + s);
            }
        }
    }

    private void checkLength(String name, double[] values) {
        if (values == null || values.length != dimension()) {
            throw new IllegalArgumentException(describe() + " " + name + ": expected length " + dimension()
                    + ", found " + (values == null ? "none" : "length " + values.length));
        }
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        // no parameters
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // no parameters
    }

    private SDVariable constant(SameDiff sd, SDVariable like, double[] values) {
        return sd.constant(Nd4j.createFromArray(values).reshape(1, values.length).castTo(like.dataType()));
    }

    double sumLogScale() {
        return Arrays.stream(scale).map(Math::log).sum();
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        SDVariable y = x.sub(constant(sd, x, mean)).div(constant(sd, x, scale));
        return new SDVariable[] {y, sd.zerosLike(x).sum(true, 1).sub(sumLogScale())};
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        SDVariable x = y.mul(constant(sd, y, scale)).add(constant(sd, y, mean));
        return new SDVariable[] {x, sd.zerosLike(y).sum(true, 1).add(sumLogScale())};
    }

    /** {@link StandardizationLayerImpl} on nd4j-native float and double, else the SameDiff runtime. */
    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        SameDiffLayer layer = Blas.direct(networkDataType)
                ? new StandardizationLayerImpl(conf, networkDataType) : new FlowStepLayerImpl(conf, networkDataType);
        return LayerWiring.wire(layer, conf, trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    /**
     * {mean, scale} of the columns of {@code data} ({@code [n, D]}): their means and standard deviations (divided by
     * n - 1), a column without spread getting scale 1.
     */
    public static double[][] meanAndScale(INDArray data) {
        INDArray values = data.castTo(DataType.DOUBLE);
        double[] scale = Arrays.stream(values.std(true, 0).toDoubleVector()).map(s -> s > 0 ? s : 1.0).toArray();
        return new double[][] {values.mean(0).toDoubleVector(), scale};
    }

    public double[] getMean() {
        return mean == null ? null : mean.clone();
    }

    public void setMean(double[] mean) {
        this.mean = mean == null ? null : mean.clone();
    }

    public double[] getScale() {
        return scale == null ? null : scale.clone();
    }

    public void setScale(double[] scale) {
        this.scale = scale == null ? null : scale.clone();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(mean, ((Standardization) o).mean)
                && Arrays.equals(scale, ((Standardization) o).scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(scale);
    }

    /** Builder: {@code new Standardization.Builder().of(trainingData).build()} or explicit mean and scale. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        private double[] mean;
        private double[] scale;

        /** Mean and standard deviation of each column of {@code data} ([n, D]); sets the dimension. */
        public Builder of(INDArray data) {
            dimension(data.size(1));
            double[][] meanAndScale = meanAndScale(data);
            this.mean = meanAndScale[0];
            this.scale = meanAndScale[1];
            return this;
        }

        public Builder mean(double... mean) {
            this.mean = mean.clone();
            return this;
        }

        public Builder scale(double... scale) {
            this.scale = scale.clone();
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Standardization build() {
            return new Standardization(this);
        }
    }
}
