/** How the REST API reports failures: one JSON error body and the single mapper that picks its HTTP status. */
package dev.vigil.query.api;
