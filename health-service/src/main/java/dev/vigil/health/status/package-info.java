/** The three health statuses every part of the cluster and of the platform is judged by, and how they combine. */
package dev.vigil.health.status;
