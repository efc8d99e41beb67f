/** A small simulated shop (frontend, cart, payment, inventory, a database, a queue) with known latencies and error rates. */
package dev.vigil.demo.shop;
