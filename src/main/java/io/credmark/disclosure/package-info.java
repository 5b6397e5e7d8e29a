/**
 * Selective disclosure: salted disclosures of provenance fields, their digests, disclosure levels and policies,
 * checking presented disclosures, evidence bundles. Depends on {@code provenance} and the shared errors only.
 */
package io.credmark.disclosure;
