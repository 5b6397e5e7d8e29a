/**
 * Making a manifest: sizing and padding, the hard binding, the claim (v2) and its COSE signature through a {@link
 * io.credmark.c2pa.sign.Signer} and, when an authority is configured, an RFC 3161 time-stamp over it. Depends on
 * the other {@code c2pa} packages and {@code container}; never on the use cases, {@code store}, {@code http} or
 * {@code cli}.
 */
package io.credmark.c2pa.sign;
