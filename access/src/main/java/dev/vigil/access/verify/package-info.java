/** Who is calling: the one authentication mechanism of every service, its identity provider and its answers. */
package dev.vigil.access.verify;
