/**
 * Observation models p(x | theta) (Bernoulli, Gaussian, Laplace) and the output layer that scores data under them.
 */
package org.dl4jlvm.likelihood;
