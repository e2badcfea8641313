package org.dl4jlvm.examples;

import java.util.concurrent.Callable;
import org.dl4jlvm.data.Binarization;
import org.dl4jlvm.data.ImageDataSetIterator;
import org.dl4jlvm.models.Vae;
import org.dl4jlvm.models.VaeObjectiveParts;
import org.dl4jlvm.training.HeldOutScore;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Trains a Bernoulli VAE (784-512-256-(2x Q) / Q-256-512-784) on binarised Fashion-MNIST. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Train a VAE on binarised Fashion-MNIST; write reconstructions.png, samples.png, "
                + "manifold.png (latent 2), interpolation.png, attribute.png, embedding.png, objective.csv and metrics.json.")
public final class VaeCommand implements Callable<Integer> {

    @Mixin
    VaeOptions vae = new VaeOptions();

    @Mixin
    TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws Exception {
        vae.check();
        long start = System.nanoTime();
        Trainer trainer = new Trainer(training, vae.out, "vae");
        VaeOptions.Data data = vae.load();
        INDArray train = data.train;
        int[] trainLabels = data.fashion.trainLabels;
        INDArray validation = null;
        INDArray validationClasses = null;
        if (training.patience > 0) {
            long kept = train.size(0) - train.size(0) / 10;
            validation = train.get(NDArrayIndex.interval(kept, train.size(0)), NDArrayIndex.all());
            validationClasses = !vae.conditional ? null : ImageDataSetIterator.oneHot(java.util.Arrays.copyOfRange(
                    trainLabels, (int) kept, trainLabels.length), VaeOptions.CLASSES, validation.dataType());
            train = train.get(NDArrayIndex.interval(0, kept), NDArrayIndex.all());
            trainLabels = java.util.Arrays.copyOf(trainLabels, (int) kept);
            System.out.println("early stopping on the negative ELBO of the last " + validation.size(0) + " training images");
        }
        ImageDataSetIterator trainData = new ImageDataSetIterator(train, trainLabels, VaeOptions.CLASSES, vae.batch, true,
                vae.binarization == Binarization.DYNAMIC, vae.seed);

        ComputationGraph graph = trainer.start(vae.newGraph());
        long iterationsPerEpoch = (train.size(0) + vae.batch - 1) / vae.batch;
        graph = trainer.fit(graph, new UnsupervisedIterator(graph, trainData), iterationsPerEpoch, iterationsPerEpoch * vae.epochs,
                iterationsPerEpoch, new VaeObjectiveParts(graph),
                validation == null ? null : new HeldOutScore(validation, validationClasses, 500, g -> new Vae(g, vae.seed)));

        Metrics metrics = vae.report(graph, data, "vae", train.size(0), start);
        trainer.putSpeed(metrics);
        metrics.write(vae.out.resolve("metrics.json"));
        System.out.println("wrote " + vae.out.toAbsolutePath() + ": " + vae.pictureNames() + ", objective.csv, metrics.json");
        return 0;
    }
}
