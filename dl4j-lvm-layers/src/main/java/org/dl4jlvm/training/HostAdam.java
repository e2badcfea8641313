package org.dl4jlvm.training;

import java.util.Map;
import org.dl4jlvm.core.Blas;
import org.dl4jlvm.core.CoreRanges;
import org.dl4jlvm.core.HeapSlices;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam (Kingma and Ba, Adam: A Method for Stochastic Optimization, 2015, arXiv:1412.6980) exactly as ND4J's
 * {@link Adam} computes it, with the same configuration, state layout and serialised form, but with the float update
 * run as a vectorised Java loop over chunks copied to the heap:
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code update = alpha_t m / (sqrt(v) + eps)}, {@code alpha_t = lr sqrt(1 - b2^(t+1)) / (1 - b1^(t+1))}.
 *
 * <p>Why: libnd4j's Adam op computes its square roots one at a time; it took 2.6 ms for the VAE's 1.1M parameters
 * on this project's machine (ND4J's {@code sqrt} op alone 4.1 ms), about a quarter of a training step. The Java loop
 * takes a fraction of that. Other data types and backends run ND4J's op.
 *
 * <p>One difference from ND4J's op: moments and updates below {@link Float#MIN_NORMAL} (1.2e-38) in magnitude become
 * zero ({@link Updater#flush}). A parameter whose gradient is zero (a dead ReLU unit, a masked weight) has its first
 * moment decay by beta1 a step into the subnormal range, where every x86 floating-point operation on it costs about a
 * hundred times more: in a 2-D MAF after 1,000 steps, 40% of the first moments were subnormal, and the update loop ran
 * 6.6 ns a parameter instead of 0.6. The change to a moment is below 1.2e-38.
 */
public class HostAdam extends Adam {

    /** Adam with ND4J's defaults: learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public HostAdam() {
        super();
    }

    public HostAdam(double learningRate) {
        super(learningRate);
    }

    /** Adam whose learning rate follows {@code learningRateSchedule} (for example a {@code LinearWarmup}). */
    public HostAdam(ISchedule learningRateSchedule) {
        super(learningRateSchedule);
    }

    public HostAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        updater.setStateViewArray(flat, new long[] {flat.length() / 2}, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public HostAdam clone() {
        HostAdam copy = new HostAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        copy.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        return copy;
    }

    /** ND4J's Adam updater with the float update done on the heap. */
    static final class Updater extends AdamUpdater {
        /** Elements per chunk: the three float chunks (192 KB) stay in the core's cache. */
        private static final int CHUNK = 16384;
        /**
         * From this many chunks (524,288 parameters) on, the update runs on every core: 1.1M parameters took 2.6
         * instead of 4.1 ms on two cores, copies included. A 2-D flow's 0.14M parameters trained no faster on two.
         */
        private static final int PARALLEL_CHUNKS = 32;
        /** 2^125: scales the smallest normal float, 2^-126, to 1/2 and every subnormal below 1/2. */
        private static final float TO_HALF = 0x1p125f;
        /** 2^23 + 1: adding and subtracting it rounds a float in [0, 1] to 0 below 1/2 and to 1 from 1/2 on. */
        private static final float ROUNDER = 0x1p23f + 1f;
        private final Adam config;
        private INDArray m;
        private INDArray v;
        /** Per core: the chunks of the gradient, the first and the second moment. */
        private float[][][] work;

        Updater(Adam config) {
            super(config);
            this.config = config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            super.setState(stateMap, initialize);
            m = stateMap.get(M_STATE);
            v = stateMap.get(V_STATE);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            super.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
            Map<String, INDArray> state = getState();
            m = state.get(M_STATE);
            v = state.get(V_STATE);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (!onHost(gradient)) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            // in float, as libnd4j computes it for float arrays (beta2 = 0.999f alone moves alpha_t by 6e-6)
            float beta1 = (float) config.getBeta1();
            float beta2 = (float) config.getBeta2();
            float epsilon = (float) config.getEpsilon();
            float alpha = stepSize(iteration, epoch, beta1, beta2, epsilon);
            long chunks = (gradient.length() + CHUNK - 1) / CHUNK;
            int parts = chunks < PARALLEL_CHUNKS ? 1 : CoreRanges.cores();
            if (work == null || work.length != parts) {
                work = new float[parts][3][CHUNK];
            }
            // each part on its own range of chunks, with its own work arrays
            CoreRanges.run(chunks, parts, (part, first, end) -> update(gradient, first, end, work[part], beta1, beta2,
                    epsilon, alpha));
        }

        /** {@code alpha_t}, as libnd4j computes it for floats, or epsilon where that is zero or not finite. */
        private float stepSize(int iteration, int epoch, float beta1, float beta2, float epsilon) {
            float alpha = (float) config.getLearningRate(iteration, epoch)
                    * (float) Math.sqrt(1f - (float) Math.pow(beta2, iteration + 1))
                    / (1f - (float) Math.pow(beta1, iteration + 1));
            // as libnd4j does
            return Float.isFinite(alpha) && alpha != 0f ? alpha : epsilon;
        }

        /** Chunks {@code first} to {@code end - 1}: copied to {@code chunk}'s three arrays, updated and copied back. */
        private void update(INDArray gradient, long first, long end, float[][] chunk, float beta1, float beta2,
                float epsilon, float alpha) {
            for (long c = first; c < end; c++) {
                long start = c * CHUNK;
                int size = (int) Math.min(CHUNK, gradient.length() - start);
                HeapSlices.read(gradient, start, chunk[0], size);
                HeapSlices.read(m, start, chunk[1], size);
                HeapSlices.read(v, start, chunk[2], size);
                step(chunk[0], chunk[1], chunk[2], size, beta1, beta2, epsilon, alpha);
                HeapSlices.write(chunk[1], size, m, start);
                HeapSlices.write(chunk[2], size, v, start);
                HeapSlices.write(chunk[0], size, gradient, start);
            }
        }

        /**
         * One chunk, in libnd4j's order of operations, each new moment and update then {@link #flush flushed}: one
         * loop the JIT vectorises. (Three separate passes testing each value's exponent bits took 2.5 to 5 ns a
         * parameter, which the JIT left scalar, against 0.45 for this loop without them and 1.1 with the flush.)
         */
        private static void step(float[] g, float[] mean, float[] square, int size, float beta1, float beta2,
                float epsilon, float alpha) {
            float keep1 = 1f - beta1;
            float keep2 = 1f - beta2;
            for (int i = 0; i < size; i++) {
                float gi = g[i];
                float mi = beta1 * mean[i] + gi * keep1;
                float vi = beta2 * square[i] + gi * gi * keep2;
                float update = mi * alpha / ((float) Math.sqrt(vi) + epsilon);
                mean[i] = flush(mi);
                square[i] = flush(vi);
                g[i] = flush(update);
            }
        }

        /**
         * {@code x}, or zero of {@code x}'s sign where {@code x} is subnormal (magnitude below
         * {@link Float#MIN_NORMAL}), in float arithmetic alone so that the loop around it vectorises:
         * {@code |x| 2^125} (exact) is below 1/2 exactly for the subnormals; capped at 1 (infinities included) and
         * rounded to an integer, it is 0 for them and 1 for every other value, by which {@code x} is multiplied.
         * Rounding to nearest, ties to even: 1/2 + 2^23 + 1 rounds up to the even 2^23 + 2, so the smallest normal
         * float keeps its value. NaN stays NaN.
         */
        static float flush(float x) {
            return x * (Math.min(Math.abs(x) * TO_HALF, 1f) + ROUNDER - ROUNDER);
        }

        private boolean onHost(INDArray gradient) {
            return Blas.direct(gradient.dataType()) && gradient.dataType() == DataType.FLOAT && m.dataType() == DataType.FLOAT
                    && v.dataType() == DataType.FLOAT && gradient.length() == m.length() && gradient.length() == v.length()
                    && gradient.elementWiseStride() == 1 && m.elementWiseStride() == 1 && v.elementWiseStride() == 1
                    // the same element at the same place in all three buffers
                    && (gradient.isVector() || gradient.ordering() == m.ordering() && gradient.ordering() == v.ordering());
        }
    }
}
