/** Publishes health status changes on the Kafka bus ({@code vigil.health}) as CloudEvents 1.0 JSON. */
package dev.vigil.health.events;
