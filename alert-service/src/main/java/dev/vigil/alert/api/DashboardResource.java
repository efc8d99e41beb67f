package dev.vigil.alert.api;

import dev.vigil.access.role.Role;
import dev.vigil.access.verify.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.dashboard.DashboardStore;
import dev.vigil.alert.dashboard.DashboardValidator;
import dev.vigil.http.error.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dashboards of the web UI, with every saved version; the document format is in docs/api.md ("Dashboards"). Who
 * saves is the caller's key or user name.
 */
@Path("/api/v1/dashboards")
@Tag(name = "Dashboards", description = "Dashboards people edit, their versions, export and import")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "A field of the document or the request is wrong; fields names each by JSON path",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@RolesAllowed(Role.VIEWER_NAME)
public final class DashboardResource {

    static final int MAX_MESSAGE = 500;

    private final DashboardStore dashboards;
    private final SecurityIdentity identity;

    DashboardResource(DashboardStore dashboards, SecurityIdentity identity) {
        this.dashboards = dashboards;
        this.identity = identity;
    }

    /** The latest version of a dashboard. */
    @Schema(name = "Dashboard")
    public record DashboardView(String uid, int version, Instant updatedAt, String updatedBy,
                                @Schema(description = "The dashboard document") JsonNode dashboard) {
        static DashboardView of(DashboardStore.Stored stored) {
            return new DashboardView(stored.uid(), stored.version(), stored.updatedAt(), stored.updatedBy(),
                    stored.document());
        }
    }

    /** A saved version, as listed. */
    @Schema(name = "DashboardVersionEntry")
    public record VersionEntry(int version, Instant createdAt, String author, String message) {
        static VersionEntry of(DashboardStore.Version version) {
            return new VersionEntry(version.version(), version.createdAt(), version.author(), version.message());
        }
    }

    /** A saved version with its document. */
    @Schema(name = "DashboardVersion")
    public record VersionView(String uid, int version, Instant createdAt, String author, String message,
                              JsonNode dashboard) {
        static VersionView of(DashboardStore.Version version) {
            return new VersionView(version.uid(), version.version(), version.createdAt(), version.author(),
                    version.message(), version.document());
        }
    }

    /** A save: the version edited, so that a save over someone else's newer one is refused. */
    @Schema(name = "DashboardSave")
    public record SaveRequest(@Schema(description = "The version the edit started from", required = true) Integer version,
                              @Schema(description = "What changed, up to 500 characters") String message,
                              @Schema(description = "The whole dashboard document", required = true) JsonNode dashboard) {
    }

    @GET
    @Operation(summary = "All dashboards, ordered by title", description = "Each with its number of panels, not the panels.")
    public Uni<List<DashboardStore.Summary>> list() {
        return dashboards.list();
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a dashboard",
            description = "The body is a dashboard document. Without a uid, one is derived from the title. 409 when the uid is taken.")
    @APIResponse(responseCode = "201", description = "Version 1 of the new dashboard",
            content = @Content(schema = @Schema(implementation = DashboardView.class)))
    @APIResponse(responseCode = "409", description = "A dashboard has this uid",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<DashboardView>> create(JsonNode document) {
        return Uni.createFrom().item(() -> {
            List<FieldError> errors = new ArrayList<>();
            problems(document, "", errors);
            rejectIfAny(errors);
            return author();
        }).chain(author -> dashboards.create(document, author, "created")).map(DashboardResource::created);
    }

    @GET
    @Path("{uid}")
    @Operation(summary = "The latest version of a dashboard")
    public Uni<DashboardView> get(@RestPath String uid) {
        return dashboards.find(uid).map(DashboardView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @PUT
    @Path("{uid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a dashboard as its next version",
            description = "409 when `version` is not the latest any more: someone saved meanwhile. Reload, edit, save again.")
    @APIResponse(responseCode = "409", description = "The version edited is not the latest",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<DashboardView> save(@RestPath String uid, SaveRequest request) {
        return Uni.createFrom().item(() -> {
            List<FieldError> errors = new ArrayList<>();
            Requests.required(request);
            if (request.version() == null || request.version() < 1) {
                errors.add(new FieldError("version", "is required: the version the edit started from"));
            }
            if (request.message() != null && request.message().length() > MAX_MESSAGE) {
                errors.add(new FieldError("message", "must be at most " + MAX_MESSAGE + " characters long"));
            }
            problems(request.dashboard(), "dashboard", errors);
            JsonNode docUid = request.dashboard() == null ? null : request.dashboard().get("uid");
            if (docUid != null && !docUid.isNull() && !docUid.asText().equals(uid)) {
                errors.add(new FieldError("dashboard.uid", "must be " + uid + ", the uid of the dashboard saved"));
            }
            rejectIfAny(errors);
            return author();
        }).chain(author -> dashboards.save(uid, request.version(), request.dashboard(), author, request.message()))
                .map(DashboardView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @DELETE
    @Path("{uid}")
    @Operation(summary = "Delete a dashboard and all its versions")
    public Uni<RestResponse<Void>> delete(@RestPath String uid) {
        return dashboards.delete(uid).map(deleted -> RestResponse.noContent());
    }

    @GET
    @Path("{uid}/versions")
    @Operation(summary = "Every saved version of a dashboard, newest first, without the documents")
    public Uni<List<VersionEntry>> versions(@RestPath String uid) {
        return dashboards.versions(uid).map(all -> all.stream().map(VersionEntry::of).toList());
    }

    @GET
    @Path("{uid}/versions/{version}")
    @Operation(summary = "One saved version of a dashboard, with its document")
    public Uni<VersionView> version(@RestPath String uid, @RestPath int version) {
        return dashboards.findVersion(uid, version).map(VersionView::of);
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Path("{uid}/versions/{version}/restore")
    @Operation(summary = "Save an older version's document as the new latest version",
            description = "The versions in between stay; the new version's message is \"restored version N\".")
    public Uni<DashboardView> restore(@RestPath String uid, @RestPath int version) {
        return Uni.createFrom().item(this::author)
                .chain(author -> dashboards.restore(uid, version, author)).map(DashboardView::of);
    }

    @GET
    @Path("{uid}/export")
    @Operation(summary = "The dashboard document alone, as a file to keep or import elsewhere")
    public Uni<RestResponse<JsonNode>> export(@RestPath String uid) {
        return dashboards.find(uid).map(stored -> RestResponse.ResponseBuilder.ok(stored.document())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + stored.uid() + ".json\"").build());
    }

    @RolesAllowed(Role.EDITOR_NAME)
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a dashboard document",
            description = "201 when no dashboard has its uid; with overwrite=true, 200 and a new version of the one that has it; "
                    + "otherwise 409.")
    @APIResponse(responseCode = "200", description = "Saved over the dashboard with the document's uid",
            content = @Content(schema = @Schema(implementation = DashboardView.class)))
    @APIResponse(responseCode = "201", description = "A new dashboard",
            content = @Content(schema = @Schema(implementation = DashboardView.class)))
    @APIResponse(responseCode = "409", description = "A dashboard has the document's uid and overwrite is not true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<DashboardView>> importDocument(JsonNode document,
            @Parameter(description = "true: save over the dashboard with the same uid; default false")
            @RestQuery String overwrite) {
        return Uni.createFrom().item(() -> {
            List<FieldError> errors = new ArrayList<>();
            if (overwrite != null && !overwrite.equals("true") && !overwrite.equals("false")) {
                errors.add(new FieldError("overwrite", "must be true or false"));
            }
            problems(document, "", errors);
            rejectIfAny(errors);
            return author();
        }).chain(author -> dashboards.importDocument(document, "true".equals(overwrite), author, "imported"))
                .map(imported -> imported.created() ? created(imported.dashboard())
                        : RestResponse.ok(DashboardView.of(imported.dashboard())));
    }

    private static RestResponse<DashboardView> created(DashboardStore.Stored stored) {
        return RestResponse.ResponseBuilder.<DashboardView>created(URI.create("/api/v1/dashboards/" + stored.uid()))
                .entity(DashboardView.of(stored)).build();
    }

    private static void problems(JsonNode document, String at, List<FieldError> errors) {
        DashboardValidator.problems(document, at).forEach(p -> errors.add(new FieldError(p.path(), p.message())));
    }

    private static void rejectIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** Who saves: the caller's key or user name (the dashboard endpoints that save need an editor). */
    private String author() {
        return Caller.of(identity).map(Caller::name).orElseThrow();
    }
}
