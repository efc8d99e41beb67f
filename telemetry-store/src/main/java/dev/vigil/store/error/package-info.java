/** What a ClickHouse failure means for the caller: retry later, give up on the request, or set the refused rows aside. */
package dev.vigil.store.error;
