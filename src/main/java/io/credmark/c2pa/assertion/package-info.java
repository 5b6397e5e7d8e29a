/**
 * One class per C2PA assertion credmark writes or reads: actions, data hash, ingredient, credmark's provenance
 * assertion, validation results. Depends on the other {@code c2pa} packages and {@code container}; knows nothing of
 * HTTP, databases or the use cases.
 */
package io.credmark.c2pa.assertion;
