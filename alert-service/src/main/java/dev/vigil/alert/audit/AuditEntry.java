package dev.vigil.alert.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One change, as the audit log keeps it.
 *
 * @param action     create, update, delete, restore, import
 * @param objectKind rule, route, channel, silence, dashboard
 * @param objectId   the object's id (a dashboard's uid)
 * @param objectName its name or title, when it has one
 * @param summary    what the change set, never a secret
 */
public record AuditEntry(long id, Instant at, String actor, String action, String objectKind, String objectId,
                         String objectName, Map<String, Object> summary) {
}
