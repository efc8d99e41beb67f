/** Where alerts go: notification channels, routes with label matchers and grouping, and silences, stored in PostgreSQL. */
package dev.vigil.alert.route;
