/** Publishes health status changes on the Kafka bus ({@code vigil.health}) as CloudEvents 1.0, through the channel {@code health-events}. */
package dev.vigil.health.events;
