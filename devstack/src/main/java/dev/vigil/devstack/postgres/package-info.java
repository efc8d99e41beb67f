/** PostgreSQL from zonky's embedded binaries, with a {@code vigil} database and user. */
package dev.vigil.devstack.postgres;
