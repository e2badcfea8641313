package org.dl4jlvm.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The products case covers exactly the VAE case's dense layers, with the FLOPs of their training products. */
class Dl4jCasesTest {

    @Test
    void theVaesProductsAreThoseOfItsLayers() {
        BenchCase vae = Dl4jCases.vae();
        BenchCase products = Dl4jCases.vaeProducts();
        assertEquals(vae.parameters(), products.parameters(), "the same layers as the VAE");
        // weights: 784x512 + 512x256 + 256x64 (the heads' mean and log-variance) + 32x256 + 256x512 + 512x784
        long weights = 784L * 512 + 512 * 256 + 256 * 64 + 32 * 256 + 256 * 512 + 512 * 784;
        long biases = 512 + 256 + 64 + 256 + 512 + 784;
        assertEquals(weights + biases, products.parameters());
        // three products of 2 x batch x weights FLOPs per layer, two on the network's input (no input gradient)
        assertEquals(2.0 * 128 * (3 * weights - 784 * 512), products.flopsPerIteration());
        Measurement once = products.measure(1, 2, 1);
        assertEquals(2, once.timing().iterations());
        assertTrue(once.timing().min() > 0);
    }
}
