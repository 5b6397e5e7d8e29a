package io.credmark.service;

import io.credmark.container.ImageFormat;

/**
 * A stamped image whose credential is recorded.
 *
 * @param image the stamped file, exactly as recorded by {@link Credential#sha256()}
 * @param url   the credential's page, as written into the manifest
 */
public record Stamped(Credential credential, String url, ImageFormat format, byte[] image) {
}
