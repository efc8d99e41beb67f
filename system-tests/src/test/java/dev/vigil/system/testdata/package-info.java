/** Checks on the tests themselves: their data must hold on any date the suite is run. */
package dev.vigil.system.testdata;
