/** The platform's own health: probes the readiness of Vigil's services and reports it as one picture. */
package dev.vigil.health.platform;
