/**
 * Shared mechanisms: the output-head base class and runtime through which every objective term reaches the graph's score, argument checks, log-scale bounds, and SameDiff evaluation of losses on arrays.
 */
package org.dl4jlvm.core;
