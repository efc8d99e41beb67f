/** Serving the web UI: the single-page app's routes answered with its index page. */
package dev.vigil.query.ui;
