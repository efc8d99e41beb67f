/** The four golden signals of services and operations: traffic, errors, latency and saturation. */
package dev.vigil.query.golden;
