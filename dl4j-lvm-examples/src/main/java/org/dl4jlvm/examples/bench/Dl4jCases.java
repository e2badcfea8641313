package org.dl4jlvm.examples.bench;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.FlowObjectiveParts;
import org.dl4jlvm.models.VaeGraphBuilder;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.ObjectiveParts;
import org.dl4jlvm.training.ObjectivePartsListener;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.dl4jlvm.training.HostAdam;

/**
 * The benchmark's models on synthetic batches of the real shapes, each as a {@link BenchCase} whose step is one
 * {@code fit} call (forward, backward, Adam update), the way {@code graph.fit(iterator)} trains.
 */
public final class Dl4jCases {
    private static final long SEED = 12345;
    /** The name of {@link #vaeProducts()}. */
    public static final String VAE_PRODUCTS = "vae-products";
    /** Widths of the VAE's encoder (to the heads' mean and log-variance, 2 x 32) and decoder layers. */
    private static final int[][] VAE_LAYERS = {{784, 512, 256, 64}, {32, 256, 512, 784}};

    private Dl4jCases() {
    }

    /** VAE 784-512-256-(2x32) / 32-256-512-784, Bernoulli, Adam 1e-3, batch 128, from dl4j-lvm's layers. */
    public static BenchCase vae() {
        ComputationGraph graph = new ComputationGraph(new VaeGraphBuilder(784, 32).encoderSizes(512, 256)
                .decoderSizes(256, 512).updater(new HostAdam(1e-3)).seed(SEED).build());
        graph.init();
        return graphCase(BenchReport.VAE, graph, binaryImages(128), new VaeObjectiveParts(graph));
    }

    /** The same VAE as DL4J's built-in {@link VariationalAutoencoder} layer, trained by {@code pretrainLayer}. */
    public static BenchCase vaeBuiltIn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED).updater(new HostAdam(1e-3))
                .weightInit(WeightInit.XAVIER).dataType(DataType.FLOAT).list()
                .layer(new VariationalAutoencoder.Builder().nIn(784).nOut(32).encoderLayerSizes(512, 256)
                        .decoderLayerSizes(256, 512).activation(Activation.RELU).pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID)).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = binaryImages(128);
        return new BenchCase(BenchReport.VAE, Measurement.BUILT_IN, 128, BenchCase.trainingFlops(net.numParams(), 128),
                net.numParams(), () -> net.pretrainLayer(0, x));
    }

    /** RealNVP, 8 affine couplings with conditioners of 2 x {@code hidden}; dequantised 8-bit images when D = 784. */
    public static BenchCase realNvp(int dimension, int hidden, int batch) {
        FlowGraphBuilder builder = new FlowGraphBuilder(FlowGraphBuilder.Kind.REALNVP, dimension).steps(8)
                .hidden(hidden, hidden).updater(new HostAdam(1e-3)).seed(SEED);
        INDArray x;
        if (dimension == 784) {
            builder.dequantize(256);
            x = Nd4j.rand(DataType.FLOAT, batch, dimension).muli(255).castTo(DataType.INT32).castTo(DataType.FLOAT).divi(255);
        } else {
            x = Nd4j.randn(DataType.FLOAT, batch, dimension);
        }
        ComputationGraph graph = new ComputationGraph(builder.build());
        graph.init();
        return graphCase("realnvp-" + dimension, graph, x, new FlowObjectiveParts(graph));
    }

    /**
     * The products of one training step of {@link #vae()}'s dense layers at batch 128, through {@link Blas#gemm} into
     * preallocated results: per layer {@code Z = X W} and {@code dW = X^T dZ}, and {@code dX = dZ W^T} except on the
     * network's input (17 SGEMM calls). How fast the step's SGEMM alone runs, with the threads the VAE trains with;
     * a diagnosis beside the whole step, not a model.
     */
    public static BenchCase vaeProducts() {
        int batch = 128;
        List<Runnable> products = new ArrayList<>();
        long parameters = 0;
        double flops = 0;
        for (int[] widths : VAE_LAYERS) {
            for (int i = 0; i + 1 < widths.length; i++) {
                boolean onInput = widths == VAE_LAYERS[0] && i == 0;
                INDArray x = Nd4j.rand(DataType.FLOAT, batch, widths[i]);
                INDArray w = Nd4j.rand(DataType.FLOAT, widths[i], widths[i + 1]);
                INDArray z = Nd4j.create(DataType.FLOAT, batch, widths[i + 1]);
                INDArray dW = Nd4j.create(DataType.FLOAT, widths[i], widths[i + 1]);
                INDArray dX = Nd4j.create(DataType.FLOAT, batch, widths[i]);
                products.add(() -> Blas.gemm(x, w, z, false, false, 1.0, 0.0));
                products.add(() -> Blas.gemm(x, z, dW, true, false, 1.0, 0.0));
                if (!onInput) {
                    products.add(() -> Blas.gemm(z, w, dX, false, true, 1.0, 0.0));
                }
                parameters += (long) widths[i] * widths[i + 1] + widths[i + 1];
                flops += 2.0 * batch * widths[i] * widths[i + 1] * (onInput ? 2 : 3);
            }
        }
        return new BenchCase(VAE_PRODUCTS, Measurement.DL4J, batch, flops, parameters,
                () -> products.forEach(Runnable::run));
    }

    /** One {@code n x n x n} SGEMM into a preallocated result: the machine's roofline through ND4J. */
    public static BenchCase sgemm(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        return new BenchCase(BenchReport.ROOFLINE, Measurement.DL4J, n, 2.0 * n * n * n, 0,
                () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
    }

    /** A {@code fit} of one batch, with the commands' NaN guard ({@link ObjectivePartsListener}) as the case's guard. */
    private static BenchCase graphCase(String name, ComputationGraph graph, INDArray x, ObjectiveParts parts) {
        MultiDataSet batch = new UnsupervisedIterator(graph, new ListDataSetIterator<>(List.of(new DataSet(x, x)))).next();
        int size = (int) x.size(0);
        ObjectivePartsListener listener = new ObjectivePartsListener(parts, Integer.MAX_VALUE, null);
        return new BenchCase(name, Measurement.DL4J, size, BenchCase.trainingFlops(graph.numParams(), size), graph.numParams(),
                () -> graph.fit(batch)).guard(() -> listener.onGradientCalculation(graph));
    }

    private static INDArray binaryImages(int batch) {
        Nd4j.getRandom().setSeed(SEED);
        return Nd4j.rand(DataType.FLOAT, batch, 784).gt(0.5).castTo(DataType.FLOAT);
    }
}
