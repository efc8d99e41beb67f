/**
 * The other services' APIs under query-service's own origin, so the web UI (and a person behind one reverse proxy)
 * reaches alerting and health through one address: requests for their paths are streamed to them unchanged.
 */
package dev.vigil.query.gateway;
