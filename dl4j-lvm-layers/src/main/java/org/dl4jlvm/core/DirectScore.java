package org.dl4jlvm.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A parameter-free output head's score written directly on arrays, with its gradient in closed form. An
 * {@link UnsupervisedOutputLayer} that offers one ({@link UnsupervisedOutputLayer#directScore}) trains without a
 * SameDiff session: on DL4J M2.1 the SameDiff output layer rebuilds its gradient function in every iteration,
 * which cost more than the arithmetic of these heads. The SameDiff definition stays as the reference the tests
 * compare against.
 */
public interface DirectScore {

    /** The score of each example, shape {@code [batch, 1]}. */
    INDArray perExample(INDArray input, INDArray labels);

    /** The gradient of the sum of the scores with respect to {@code input}, shaped like {@code input}. */
    INDArray inputGradient(INDArray input, INDArray labels);
}
