/** What each kind of rule measures and when the measured value is a violation: pure values, read from a rule's spec. */
package dev.vigil.alert.condition;
