package dev.vigil.ingest.pipeline;

/**
 * What one pipeline kept of one request.
 *
 * @param request the request itself when the pipeline kept all of it unchanged, else a filtered copy
 * @param total the items the request had
 * @param kept the items of {@code request}
 */
record Filtered<R>(R request, int total, int kept) {
}
