/** Managing who may use Vigil: API keys, ingest tokens and users (admin only), and logging people in and out. */
package dev.vigil.alert.access;
