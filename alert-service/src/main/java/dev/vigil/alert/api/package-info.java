/** The alert-service REST API, version 1: request and response shapes and how errors are answered. */
package dev.vigil.alert.api;
