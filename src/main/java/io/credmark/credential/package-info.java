/**
 * An issued credential as the service knows it: its id, its record, the signer's name, the watermark payload derived
 * from its id, and the links that name it on the web. Depends on {@code provenance} and {@code pixels.watermark}.
 */
package io.credmark.credential;
