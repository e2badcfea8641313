package org.dl4jlvm.vae;

import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.LogScaleBounds;
import org.dl4jlvm.core.ParameterFreeLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of {@link GaussianSamplingLayer}. Forward: {@code z = mean + std * eps}, {@code std = exp(lv / 2)};
 * backward: {@code dL/dmean = dL/dz}, {@code dL/dlv = dL/dz * eps * std / 2} (times the soft bound's derivative),
 * with the same {@code eps} as the forward pass. With the log-density column {@code c = -log q(z | x)}
 * ({@link GaussianSamplingLayer#isLogDensity()}), {@code dL/dlv} gains {@code dL/dc / 2} (times the bound's derivative).
 */
public class GaussianSamplingLayerImpl extends ParameterFreeLayerImpl<GaussianSamplingLayer> {

    private INDArray noise;
    private INDArray std;

    public GaussianSamplingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private long latentWidth() {
        String label = "GaussianSamplingLayer '" + layerConf().getLayerName() + "' input";
        Checks.matrix(label, input);
        return LatentWidth.of(label, input.size(1));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long latent = latentWidth();
        INDArray mean = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        boolean sample = training || layerConf().isSampleAtInference();
        if (!sample && !layerConf().isLogDensity()) {
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, mean);
        }
        INDArray logVariance = input.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            noise = sample ? Nd4j.randn(input.dataType(), input.size(0), latent) : Nd4j.zeros(input.dataType(), input.size(0), latent);
            std = Reparameterization.standardDeviation(logVariance);
        }
        long width = latent + (layerConf().isLogDensity() ? 1 : 0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.size(0), width);
        Reparameterization.draw(mean, std, noise, out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)));
        if (layerConf().isLogDensity()) {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(latent)).assign(negativeLogDensity(noise, logVariance));
        }
        return out;
    }

    /** {@code -log N(z; mean, diag exp(b(lv)))} at {@code z = mean + std * eps}: {@code 0.5 sum (eps^2 + log 2 pi + b(lv))}. */
    static INDArray negativeLogDensity(INDArray noise, INDArray logVariance) {
        return noise.mul(noise).addi(LogScaleBounds.bound(logVariance)).addi(Math.log(2 * Math.PI)).sum(1).muli(0.5);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (noise == null || noise.size(0) != input.size(0)) {
            throw new IllegalStateException("GaussianSamplingLayer '" + layerConf().getLayerName()
                    + "': backprop needs a training forward pass on the same input first");
        }
        long latent = latentWidth();
        INDArray logVariance = input.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        INDArray dZ = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).assign(dZ);
        INDArray dLogVariance = dZ.mul(noise).muli(std);
        if (layerConf().isLogDensity()) {
            dLogVariance.addiColumnVector(epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, latent + 1)));
        }
        dLogVariance.muli(0.5).muli(LogScaleBounds.derivative(logVariance));
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).assign(dLogVariance);
        return new Pair<>(new DefaultGradient(), gradient);
    }

    @Override
    public void clear() {
        super.clear();
        noise = null;
        std = null;
    }
}
