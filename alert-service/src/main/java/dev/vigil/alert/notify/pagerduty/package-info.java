/** PagerDuty: Events API v2 trigger and resolve events, one dedup key per alert group. */
package dev.vigil.alert.notify.pagerduty;
