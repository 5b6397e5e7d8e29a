/**
 * Evidence of ownership that outlives certificates and front ends: RFC 3161 time-stamps (a client for any TSA and
 * credmark's built-in authority), creators' identity credentials for CAWG identity assertions, and evidence
 * a creator can check offline: time-stamped model registrations ({@link io.credmark.identity.ModelEvidence}) and
 * what a credential's signatures carry ({@link io.credmark.identity.SignatureEvidence}), in the credential's
 * evidence bundle ({@link io.credmark.identity.CredentialEvidence}).
 *
 * <p>Depends on {@code pki}, {@code c2pa} and {@code disclosure}; the service wires it from its settings.
 */
package io.credmark.identity;
