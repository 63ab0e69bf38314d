/**
 * Reversible, bit-exact transforms of typed data, applied to a block before the engine and undone after it, so that
 * arrays of 16-, 32- and 64-bit numbers compress better: byte shuffle, bit shuffle, delta and the 5/3 integer
 * wavelet. These are the auditable reference implementations of docs/filters.md, plain Java with no dependencies,
 * like the engine and the container; {@link io.harmony4.filter.Filter} is the one place that says which element
 * sizes each takes. H4MK version 3 records the chain a block went through in the block's CORE header, each filter
 * by its id and element size (docs/h4mk.md, "Version 3: filters").
 */
package io.harmony4.filter;
