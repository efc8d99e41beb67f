/** The services seen in a time range and the operations of each, with span and error counts. */
package dev.vigil.query.services;
