/** The web UI in a real headless Chromium: the Playwright suite of web-ui/e2e run against the packaged services. */
package dev.vigil.system.webui;
