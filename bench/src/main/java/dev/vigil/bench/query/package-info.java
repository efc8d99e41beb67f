/** The query benchmark ({@code ./vigil bench query}): loads millions of spans and times the query API over HTTP. */
package dev.vigil.bench.query;
