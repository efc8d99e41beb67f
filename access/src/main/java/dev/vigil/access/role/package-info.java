/** The roles viewer &lt; editor &lt; admin and what each grants. */
package dev.vigil.access.role;
