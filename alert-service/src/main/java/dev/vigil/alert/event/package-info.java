/** Alert state changes as CloudEvents 1.0 JSON on Kafka {@code vigil.alerts}: their shape, publishing and reading. */
package dev.vigil.alert.event;
