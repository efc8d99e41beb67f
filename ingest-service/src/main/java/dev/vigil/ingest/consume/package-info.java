/**
 * The one supervised, at-least-once Kafka consumer loop the persist and forward stages run on: batches per partition,
 * commits after the handler confirmed, retries with back-off, dead letters, and a restart when its thread dies.
 */
package dev.vigil.ingest.consume;
