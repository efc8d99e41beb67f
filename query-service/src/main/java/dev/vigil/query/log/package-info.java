/** Log records and the service mesh's access logs, newest first, with full-text and attribute filters. */
package dev.vigil.query.log;
