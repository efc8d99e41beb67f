/** Managing who may use Vigil: API keys and users (admin only), and logging people in and out. */
package dev.vigil.alert.access;
