/** The real Apache Kafka broker, single-node KRaft (broker and controller in one process). */
package dev.vigil.devstack.kafka;
