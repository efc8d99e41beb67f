/** {@code ./vigil bench all}: every benchmark on a fresh stack, one table of figures against their goals. */
package dev.vigil.bench.all;
