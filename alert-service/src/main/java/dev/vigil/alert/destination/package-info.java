/** Which addresses notifications may be sent to: no loopback, link-local, private or other internal address unless allowed. */
package dev.vigil.alert.destination;
