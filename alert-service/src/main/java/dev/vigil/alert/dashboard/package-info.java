/** Dashboards people edit, with every saved version, in PostgreSQL; their validation and the dashboards Vigil ships. */
package dev.vigil.alert.dashboard;
