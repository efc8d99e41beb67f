/**
 * Starting devstack's servers as child processes and knowing when they are ready: each server's
 * main prints one {@code VIGIL-READY <name> <endpoint>} line once it accepts connections.
 */
package dev.vigil.devstack.launch;
