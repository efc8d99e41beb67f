package dev.vigil.health.cluster;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.http.error.ApiException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * The cluster's health as the last refresh computed it. Until the first refresh has read ClickHouse, every
 * endpoint answers 503 with {@code Retry-After}.
 */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class ClusterResource {

    private final ClusterHealth health;

    ClusterResource(ClusterHealth health) {
        this.health = health;
    }

    @GET
    @NonBlocking
    @Operation(summary = "The cluster at a glance: status, CPU and memory against allocatable, namespaces, workloads")
    public Response cluster() {
        return health.latest().map(s -> Response.ok(s.report()).build()).orElseThrow(ClusterResource::notYet);
    }

    @GET
    @Path("/nodes")
    @NonBlocking
    @Operation(summary = "Every node with CPU and memory now and over the last hour, against allocatable")
    public Response nodes() {
        return health.latest().map(s -> Response.ok(s.nodes()).build()).orElseThrow(ClusterResource::notYet);
    }

    @GET
    @Path("/pods")
    @NonBlocking
    @Operation(summary = "Pods, optionally of one namespace and/or workload, with CPU and memory against limits")
    public Response pods(@QueryParam("namespace") String namespace, @QueryParam("workload") String workload) {
        return health.latest().map(s -> {
            List<PodHealth> pods = s.pods().stream()
                    .filter(p -> namespace == null || namespace.isEmpty() || p.namespace().equals(namespace))
                    .filter(p -> workload == null || workload.isEmpty() || p.workload().equals(workload))
                    .toList();
            return Response.ok(pods).build();
        }).orElseThrow(ClusterResource::notYet);
    }

    /** Answered 503 with {@code Retry-After} in the error body of every Vigil API (http-errors). */
    private static ApiException notYet() {
        return ApiException.unavailable(
                "the cluster's metrics have not been read from the telemetry store (ClickHouse) yet; retry later");
    }
}
