/**
 * VAE parts: the reparameterised Gaussian sampling layer and the KL regulariser head with its beta schedule.
 */
package org.dl4jlvm.vae;
