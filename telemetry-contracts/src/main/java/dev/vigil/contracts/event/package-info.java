/**
 * The coordination events on the bus ({@code vigil.alerts}, {@code vigil.health}, {@code vigil.config}): the
 * CloudEvents attributes each producer sets and the record that travels as the event's JSON {@code data}.
 */
package dev.vigil.contracts.event;
