/** The live stream: server-sent events carrying the cluster's and the platform's health as they change. */
package dev.vigil.health.stream;
