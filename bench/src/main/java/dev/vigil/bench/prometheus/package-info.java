/** {@code ./vigil bench prometheus}: remote write and dashboard queries, Vigil next to Prometheus on the same samples. */
package dev.vigil.bench.prometheus;
