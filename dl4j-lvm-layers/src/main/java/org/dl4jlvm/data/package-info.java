/**
 * Data utilities: the IDX reader, binarisation and an image data set iterator.
 */
package org.dl4jlvm.data;
