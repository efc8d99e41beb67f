package dev.vigil.ingest.pipeline;

/** The pipelines file is not valid; the message names the file, the line and the field. */
final class PipelineConfigException extends RuntimeException {
    PipelineConfigException(String message) {
        super(message);
    }

    PipelineConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
