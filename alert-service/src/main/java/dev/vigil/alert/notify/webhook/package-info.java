/** Generic webhook: Alertmanager's webhook JSON, so receivers written for Alertmanager work unchanged. */
package dev.vigil.alert.notify.webhook;
