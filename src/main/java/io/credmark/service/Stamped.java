package io.credmark.service;

import io.credmark.container.ImageFormat;
import io.credmark.pixels.marker.MarkResult;
import java.util.Optional;

/**
 * A stamped image whose credential is recorded.
 *
 * @param image the stamped file, exactly as recorded by {@link Credential#sha256()}
 * @param url   the credential's page, as written into the manifest
 * @param mark  where the visible mark was drawn, when one was
 */
public record Stamped(Credential credential, String url, ImageFormat format, byte[] image, Optional<MarkResult> mark) {
}
