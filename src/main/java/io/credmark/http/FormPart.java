package io.credmark.http;

import java.util.Optional;

/** One part of a multipart/form-data body, read into memory. */
record FormPart(String name, Optional<String> fileName, Optional<String> contentType, byte[] bytes) {
}
