// What a new user sees before any telemetry arrived: how to send some.
import { Empty } from '../shared/states';

export function NoDataHelp() {
  const host = typeof location !== 'undefined' ? location.hostname : '127.0.0.1';
  return (
    <Empty title="No service has sent requests in this time range">
      <p>Vigil shows what OpenTelemetry SDKs and Collectors send it over OTLP. To see it work right away, run the demo shop:</p>
      <pre className="code">./vigil demo</pre>
      <p>
        To send your own services' telemetry, point their OpenTelemetry SDK at Vigil's OTLP endpoints — gRPC on port{' '}
        <strong>4317</strong>, HTTP on port <strong>4318</strong>:
      </p>
      <pre className="code">{`export OTEL_EXPORTER_OTLP_ENDPOINT=http://${host}:4318
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_SERVICE_NAME=checkout`}</pre>
      <p className="muted">Or pick a longer time range above if data was sent earlier.</p>
    </Empty>
  );
}
