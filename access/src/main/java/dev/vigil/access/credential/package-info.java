/** The credentials' formats and how their secrets are made, hashed and compared. */
package dev.vigil.access.credential;
