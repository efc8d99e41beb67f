/** Who may call what, proved on every endpoint of the four packaged services. */
package dev.vigil.system.access;
