/**
 * Rule evaluation: the alert state machine (inactive, pending, firing, resolved) and the scheduler that runs each
 * rule on its interval. It reaches data, state and the bus only through the functions it is given.
 */
package dev.vigil.alert.evaluate;
