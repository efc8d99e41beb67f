/** How every Vigil HTTP API answers a failure: one error body, one table from failure to status, one catch-all. */
package dev.vigil.http.error;
