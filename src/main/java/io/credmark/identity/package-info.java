/**
 * Evidence of ownership that outlives certificates and front ends: RFC 3161 time-stamps (a client for any TSA and
 * credmark's built-in authority), creators' identity credentials for CAWG identity assertions, and evidence
 * a creator can check offline: time-stamped model registrations ({@link io.credmark.identity.ModelEvidence}) and
 * what a credential's signatures carry ({@link io.credmark.identity.SignatureEvidence}).
 *
 * <p>Depends on {@code pki} and {@code c2pa}; the service wires it from its settings.
 */
package io.credmark.identity;
