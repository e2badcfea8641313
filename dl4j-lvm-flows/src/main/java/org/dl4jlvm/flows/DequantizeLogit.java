package org.dl4jlvm.flows;

import org.dl4jlvm.core.LayerWiring;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Dequantisation and logit pre-processing for data in [0, 1] on a grid of {@code levels} values
 * ({@code x = k / (levels - 1)}, e.g. 8-bit pixels / 255). Forward (data to latent):
 * <pre>
 *   s = (x (levels - 1) + u) / levels            in [0, 1)
 *   p = alpha + (1 - 2 alpha) s,   y = log p - log(1 - p)
 *   log|det dy/dx| = sum_i [ log((1 - 2 alpha)(levels - 1) / levels) - log p_i - log(1 - p_i) ]
 * </pre>
 * with {@code u ~ U[0, 1)} drawn per pixel during training (uniform dequantisation) and {@code u = 1/2}
 * otherwise, which makes the bijector deterministic; the inverse (latent to data) solves for x.
 *
 * <p>The log-det is taken with respect to x itself, so a flow's log-likelihood is a density of the
 * dequantised data in the original [0, 1] units; {@code log P(k) >= E_u[log p(x + u / (levels - 1))]
 * - D log(levels - 1)} turns it into a bound on the probability of the discrete data, which is how
 * {@link Flow#bitsPerDim} reports it.
 *
 * <p>References: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017, section 4.1 (logit
 * with alpha = 0.05); Theis, van den Oord and Bethge, A note on the evaluation of generative models, 2016
 * (uniform dequantisation).
 */
public class DequantizeLogit extends NoParamLayer implements Bijector {

    private long dimension;
    private boolean logDetCarried;
    private int levels = 256;
    private double alpha = 0.05;

    /** For Jackson. */
    public DequantizeLogit() {
    }

    private DequantizeLogit(Builder builder) {
        super(builder);
        this.dimension = builder.dimension;
        this.levels = builder.levels;
        this.alpha = builder.alpha;
    }

    private String describe() {
        return "DequantizeLogit '" + getLayerName() + "'";
    }

    @Override
    public long dimension() {
        return dimension;
    }

    /** The map for a given offset u in [0, 1) (a scalar or a [batch, D] array); value y and logDet [batch, 1]. */
    FlowOutput forward(INDArray x, Object offset) {
        INDArray s = x.mul(levels - 1);
        s = offset instanceof INDArray ? s.addi((INDArray) offset) : s.addi(((Number) offset).doubleValue());
        INDArray p = s.divi(levels).muli(1 - 2 * alpha).addi(alpha);
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsub(1.0), false);
        INDArray logDet = logP.add(log1mP).negi().addi(Math.log(scale())).sum(true, 1);
        return new FlowOutput(logP.subi(log1mP), logDet);
    }

    /** {@code dp/dx = (1 - 2 alpha)(levels - 1) / levels}. */
    double scale() {
        return (1 - 2 * alpha) * (levels - 1) / levels;
    }

    @Override
    public FlowOutput forward(INDArray x, INDArray context, Map<String, INDArray> params) {
        LogDetColumn.checkInput(describe(), dimension, false, x);
        LogDetColumn.checkContext(describe(), 0, x.size(0), context);
        return forward(x, 0.5);
    }

    @Override
    public FlowOutput inverse(INDArray y, INDArray context, Map<String, INDArray> params) {
        LogDetColumn.checkInput(describe(), dimension, false, y);
        LogDetColumn.checkContext(describe(), 0, y.size(0), context);
        INDArray p = Transforms.sigmoid(y, true);
        INDArray logDet = Transforms.log(p, true).addi(Transforms.log(p.rsub(1.0), false)).subi(Math.log(scale())).sum(true, 1);
        INDArray x = p.subi(alpha).divi(1 - 2 * alpha).muli(levels).subi(0.5).divi(levels - 1);
        return new FlowOutput(x, logDet);
    }

    public long getDimension() {
        return dimension;
    }

    public void setDimension(long dimension) {
        this.dimension = dimension;
    }

    public boolean isLogDetCarried() {
        return logDetCarried;
    }

    public void setLogDetCarried(boolean logDetCarried) {
        this.logDetCarried = logDetCarried;
    }

    /** Number of values on the data grid (default 256, for 8-bit data). */
    public int getLevels() {
        return levels;
    }

    public void setLevels(int levels) {
        this.levels = levels;
    }

    /** Margin that keeps p away from 0 and 1 (default 0.05). */
    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new DequantizeLogitLayerImpl(conf, networkDataType), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        LogDetColumn.checkDimension(describe(), dimension, 1);
        LogDetColumn.carried(describe(), dimension, inputType);
        return InputType.feedForward(dimension + 1);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        LogDetColumn.checkDimension(describe(), dimension, 1);
        logDetCarried = LogDetColumn.carried(describe(), dimension, inputType);
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DequantizeLogit) || !super.equals(o)) {
            return false;
        }
        DequantizeLogit other = (DequantizeLogit) o;
        return dimension == other.dimension && logDetCarried == other.logDetCarried && levels == other.levels
                && alpha == other.alpha;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), dimension, levels, alpha);
    }

    /** Builder: {@code new DequantizeLogit.Builder().dimension(784).levels(256).alpha(0.05).build()}. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.Layer.Builder<Builder> {
        private long dimension;
        private int levels = 256;
        private double alpha = 0.05;

        /** The dimension D of the data. */
        public Builder dimension(long dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Number of values on the data grid, at least 2 (default 256). */
        public Builder levels(int levels) {
            if (levels < 2) {
                throw new IllegalArgumentException("levels: must be >= 2, found " + levels);
            }
            this.levels = levels;
            return this;
        }

        /** Margin in (0, 0.5) that keeps the logit finite (default 0.05). */
        public Builder alpha(double alpha) {
            if (!(alpha > 0 && alpha < 0.5)) {
                throw new IllegalArgumentException("alpha: must be in (0, 0.5), found " + alpha);
            }
            this.alpha = Checks.positive("alpha", alpha);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public DequantizeLogit build() {
            return new DequantizeLogit(this);
        }
    }
}
