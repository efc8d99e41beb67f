/** Alert rules: what to evaluate and how often, stored in PostgreSQL. */
package dev.vigil.alert.rule;
