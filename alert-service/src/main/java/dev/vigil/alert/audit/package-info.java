/** The audit log: who changed which rule, route, channel, silence or dashboard, when, and how. */
package dev.vigil.alert.audit;
