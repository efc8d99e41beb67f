/**
 * Notification: alert events from {@code vigil.alerts} grouped per route, silences applied, one notification per
 * group change or repeat, delivered once through the channel's integration with retries, every attempt logged.
 */
package dev.vigil.alert.notify;
