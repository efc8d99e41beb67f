/** Benchmarks against a running Vigil: each prints its figures beside a baseline measured in the same run. */
package dev.vigil.bench;
