package io.credmark.http;

import java.util.Optional;

/** One part of a multipart/form-data body: in memory, or an image large enough to be kept in a temporary file. */
record FormPart(String name, Optional<String> fileName, Optional<String> contentType, UploadedImage content) {

    /** The part's bytes; parts other than an uploaded image are always in memory. */
    byte[] bytes() {
        return content.bytes(Long.MAX_VALUE, "reading the part '" + name + "'");
    }
}
