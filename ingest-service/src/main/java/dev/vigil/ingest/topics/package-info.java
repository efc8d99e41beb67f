/** The Kafka topics ingest writes and reads, created with the partitions and replication they need. */
package dev.vigil.ingest.topics;
