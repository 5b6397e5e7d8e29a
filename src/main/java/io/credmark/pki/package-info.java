/**
 * Certificates: the development CA, signing credentials from PEM, PKCS#12 and PKCS#11, certificate profile checks
 * (C2PA 2.2 §14.5) and trust anchors. Depends only on the shared errors.
 */
package io.credmark.pki;
