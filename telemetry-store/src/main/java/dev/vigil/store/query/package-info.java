/** How values reach ClickHouse in a query: the text of server-side query parameters, escaped by ClickHouse's rules. */
package dev.vigil.store.query;
