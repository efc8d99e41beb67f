/** Channel secrets encrypted at rest (AES-256-GCM, with a key id so keys can rotate). */
package dev.vigil.alert.secret;
