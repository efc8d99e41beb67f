/**
 * Who is calling: the one authentication mechanism of every service, its identity provider and its answers; and what
 * an ingest token lets its holder send.
 */
package dev.vigil.access.verify;
