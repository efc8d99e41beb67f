/** Slack: Block Kit messages through an incoming webhook. */
package dev.vigil.alert.notify.slack;
