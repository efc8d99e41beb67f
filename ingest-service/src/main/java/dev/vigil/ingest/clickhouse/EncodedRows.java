package dev.vigil.ingest.clickhouse;

/**
 * Rows of one table already in RowBinary, in the column order of the table's writer, ready to be
 * sent as they are. No one mutates the bytes.
 *
 * @param rowBinary the rows, one after the other
 * @param rows how many rows the bytes hold
 */
public record EncodedRows(byte[] rowBinary, int rows) {
}
