/** The service dependency graph: services, the databases, queues and hosts they call, and the calls between them. */
package dev.vigil.query.dependency;
