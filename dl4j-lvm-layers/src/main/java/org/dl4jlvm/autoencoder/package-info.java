/** Deterministic autoencoders: the graph builder, the PCA initialiser and the corruption layer of denoising autoencoders. */
package org.dl4jlvm.autoencoder;
