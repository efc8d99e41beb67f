/** Alert state changes published as CloudEvents 1.0 on Kafka {@code vigil.alerts}, through the messaging channel {@code alert-events}. */
package dev.vigil.alert.event;
