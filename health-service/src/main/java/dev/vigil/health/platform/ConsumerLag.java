package dev.vigil.health.platform;

/**
 * How far one consumer group is behind on one partition.
 *
 * @param committed the group's committed offset; {@code null} when it has committed none on this partition yet
 * @param end       the partition's end offset (the next record's)
 * @param lag       records not yet consumed: {@code end - committed}, or everything retained when none committed
 */
public record ConsumerLag(String group, String topic, int partition, Long committed, long end, long lag) {
}
