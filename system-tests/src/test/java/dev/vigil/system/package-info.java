/** Vigil as its users run it: packaged services on devstack, driven through OTLP and the REST APIs. */
package dev.vigil.system;
