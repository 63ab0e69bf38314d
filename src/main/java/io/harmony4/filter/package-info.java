/**
 * Reversible, bit-exact transforms of typed data, applied to a block before the engine and undone after it, so that
 * arrays of 16-, 32- and 64-bit numbers compress better: byte shuffle, bit shuffle, delta and the 5/3 integer
 * wavelet. These are the auditable reference implementations of docs/filters.md, plain Java with no dependencies,
 * like the engine and the container. Not yet recorded in containers: the format version that does will name them
 * by the ids of that spec.
 */
package io.harmony4.filter;
