/**
 * Evidence of ownership that outlives certificates and front ends: RFC 3161 time-stamps (a client for any TSA and
 * credmark's built-in authority), creators' identity credentials for CAWG identity assertions, and evidence
 * bundles a creator can check offline.
 *
 * <p>Depends on {@code pki} and {@code c2pa}; the service wires it from its settings.
 */
package io.credmark.identity;
