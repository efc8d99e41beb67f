/** The names every Vigil service agrees on when it talks over Kafka: topics and record headers. */
package dev.vigil.contracts;
