/** Linear latent variable models on ND4J: PCA and probabilistic PCA. */
package org.dl4jlvm.linear;
