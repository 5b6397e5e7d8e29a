package io.credmark.http;

import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies within limits: a body whose declared length is too large is refused before a byte of it is
 * read, and one without a declared length is cut off at the limit. Uploads are received whole (large parts in
 * temporary files) before their request is admitted to work; see {@link Admission}.
 */
final class RequestBodies {

    /** Jetty's request attribute for the multipart settings of one request. */
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    /** The most of an unread request body read and dropped to deliver an error answer cleanly. */
    private static final long MAX_DISCARDED = 8L << 20;

    /** The request attribute listing the temporary files a request made, to remove when it ends. */
    private static final String TEMPORARY_FILES = "credmark.temporaryFiles";

    private final Path spillDirectory;

    /**
     * @param spillDirectory where bodies and parts larger than {@link SpooledBody#IN_MEMORY} are received, and large
     *                       stamped files written: this process's own ({@link SpillDirectory})
     */
    RequestBodies(Path spillDirectory) {
        this.spillDirectory = spillDirectory;
    }

    /**
     * A new owner-only temporary file that {@link #removeTemporaryFiles} removes when the request ends, however it
     * ends.
     */
    Path temporaryFile(Context ctx, String prefix) {
        List<Path> files = ctx.attribute(TEMPORARY_FILES);
        if (files == null) {
            files = new ArrayList<>();
            ctx.attribute(TEMPORARY_FILES, files);
        }
        try {
            Path file = Files.createTempFile(spillDirectory, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the temporary files the request made ({@link #temporaryFile}). */
    static void removeTemporaryFiles(Context ctx) {
        List<Path> files = ctx.attribute(TEMPORARY_FILES);
        if (files == null) {
            return;
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary directory is cleaned by the system in the end
            }
        }
        files.clear();
    }

    static void checkDeclaredLength(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge("the request body is " + declared + " bytes; this route accepts at most " + limit, limit);
        }
    }

    /**
     * Before an error answer: a client that sends its body without waiting ({@code Expect: 100-continue}) is still
     * writing it, and would see a broken connection instead of the answer if the server closed it unread. So a
     * small unread body is read and dropped; a large one, or any body of a 413, is not read at all and the
     * connection is closed after the answer. Clients that wait for 100-continue never send the body.
     */
    static void settleUnreadBody(Context ctx, boolean mayRead) {
        HttpServletRequest req = ctx.req();
        long declared = req.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(req.getHeader("Transfer-Encoding"));
        if (declared <= 0 && !chunked) {
            return;
        }
        String expect = req.getHeader("Expect");
        if (expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue")) {
            return;
        }
        if (!mayRead || declared > MAX_DISCARDED) {
            ctx.header("Connection", "close");
            return;
        }
        try (InputStream in = req.getInputStream()) {
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > MAX_DISCARDED) {
                    ctx.header("Connection", "close");
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The body as sent, at most {@code limit} bytes; from the spool when it was received before admission. */
    static byte[] raw(Context ctx, long limit) {
        SpooledBody spooled = Admission.spooled(ctx);
        try (InputStream in = spooled != null ? spooled.open() : ctx.req().getInputStream()) {
            return readAtMost(in, spooled != null ? spooled.length() : ctx.req().getContentLengthLong(), limit,
                    "the request body");
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * The image sent as the body, as {@link Admission#upload} received it: in its file when it has
     * {@code limits.stream-from-bytes} or more, else in memory.
     */
    static UploadedImage image(Context ctx, UploadLimits limits) {
        SpooledBody spooled = Admission.spooled(ctx);
        if (spooled != null && spooled.file().isPresent() && spooled.length() >= limits.streamFromBytes()) {
            return UploadedImage.inFile(spooled.file().get(), spooled.length());
        }
        return UploadedImage.inMemory(raw(ctx, limits.maxImageBytes()));
    }

    /** Receives the whole body (not multipart) into a spool, at most {@code limit} bytes. */
    SpooledBody spool(Context ctx, long limit) {
        checkDeclaredLength(ctx, limit);
        try {
            return SpooledBody.receive(ctx.req().getInputStream(), limit, spillDirectory);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Receives a whole multipart/form-data body: parts larger than {@link SpooledBody#IN_MEMORY} go to temporary
     * files, which the caller deletes. {@link #multipart} then reads the same parts.
     */
    Collection<Part> receiveParts(Context ctx, long totalLimit) {
        ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(spillDirectory.toString(), -1, totalLimit,
                SpooledBody.IN_MEMORY));
        try {
            return ctx.req().getParts();
        } catch (IOException | ServletException | IllegalStateException e) {
            if (receivedMoreThan(ctx, totalLimit)) {
                throw tooLarge("the request body is larger than this route accepts (" + totalLimit + " bytes)",
                        totalLimit).header("Connection", "close");
            }
            if (isTimeout(e)) {
                throw unreadable(e);
            }
            // Jetty closes the connection after a failed multipart parse; say so, or the client would reuse it
            throw new ProblemException(ProblemType.BAD_REQUEST, "the multipart/form-data body cannot be read: "
                    + firstLine(e)).header("Connection", "close");
        }
    }

    /**
     * The parts of a multipart/form-data body, by name, in memory.
     *
     * @param limits the parts accepted, with the largest size of each; any other part is refused
     */
    Map<String, FormPart> multipart(Context ctx, long totalLimit, Map<String, Long> limits) {
        return multipart(ctx, totalLimit, limits, null, Long.MAX_VALUE);
    }

    /**
     * The parts of a multipart/form-data body, by name: the part {@code image} in a temporary file of the request
     * when it has {@code streamFrom} bytes or more, every other part in memory.
     *
     * @param limits the parts accepted, with the largest size of each; any other part is refused
     * @param image  the name of the image part, or null
     */
    Map<String, FormPart> multipart(Context ctx, long totalLimit, Map<String, Long> limits, String image,
            long streamFrom) {
        Map<String, FormPart> out = new HashMap<>();
        for (Part part : receiveParts(ctx, totalLimit)) {
            String name = part.getName();
            Long limit = limits.get(name);
            if (limit == null) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "unexpected part '" + printable(name)
                        + "'; this route takes " + String.join(", ", limits.keySet()));
            }
            if (out.containsKey(name)) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "the part '" + name + "' is sent twice");
            }
            UploadedImage content;
            try {
                if (name.equals(image) && part.getSize() >= streamFrom) {
                    content = toFile(ctx, part, limit);
                } else {
                    try (InputStream in = part.getInputStream()) {
                        content = UploadedImage.inMemory(readAtMost(in, part.getSize(), limit,
                                "the part '" + name + "'"));
                    }
                }
            } catch (IOException e) {
                throw unreadable(e);
            } finally {
                try {
                    part.delete();
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by the system in the end
                }
            }
            out.put(name, new FormPart(name, Optional.ofNullable(part.getSubmittedFileName()),
                    Optional.ofNullable(part.getContentType()), content));
        }
        return out;
    }

    /** Copies a part received into a file of Jetty's into one of the request's own, which outlives the part. */
    private UploadedImage toFile(Context ctx, Part part, long limit) throws IOException {
        String what = "the part '" + part.getName() + "'";
        if (part.getSize() > limit) {
            throw tooLarge(what + " is " + part.getSize() + " bytes; the limit is " + limit, limit);
        }
        Path file = temporaryFile(ctx, "credmark-upload-");
        try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        long length = Files.size(file);
        if (length != part.getSize()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, what + " ended after " + length + " of "
                    + part.getSize() + " bytes");
        }
        return UploadedImage.inFile(file, length);
    }

    /**
     * A body that could not be read: cut off by the server for arriving slower than its minimum data rate or
     * stalling past the idle timeout (408), or broken off by the client.
     */
    private static ProblemException unreadable(Exception e) {
        if (isTimeout(e)) {
            return new ProblemException(ProblemType.HTTP_ERROR, 408, "the request body arrived too slowly")
                    .header("Connection", "close");
        }
        return new ProblemException(ProblemType.BAD_REQUEST, "the request body could not be read: " + firstLine(e))
                .header("Connection", "close");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            // Jetty's MinimumDataRateHandler fails a slow read with a TimeoutException
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads into one array of the declared size when the size is known (uploads are the bulk of what the service
     * allocates), else into a growing one.
     *
     * @param declared the size the sender declared, or -1
     */
    private static byte[] readAtMost(InputStream in, long declared, long limit, String what) throws IOException {
        if (declared > limit) {
            throw tooLarge(what + " is " + declared + " bytes; the limit is " + limit, limit);
        }
        if (declared >= 0) {
            byte[] body = in.readNBytes((int) declared);
            if (body.length < declared) {
                throw new ProblemException(ProblemType.BAD_REQUEST, what + " ended after " + body.length + " of "
                        + declared + " bytes");
            }
            return body;
        }
        byte[] buffer = new byte[(int) Math.min(limit + 1, 64 * 1024)];
        int size = 0;
        for (int n; (n = in.read(buffer, size, buffer.length - size)) != -1; ) {
            size += n;
            if (size > limit) {
                throw tooLarge(what + " is larger than " + limit + " bytes", limit);
            }
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1, 2L * buffer.length));
            }
        }
        return Arrays.copyOf(buffer, size);
    }

    static ProblemException tooLarge(String detail, long limit) {
        return new ProblemException(ProblemType.CONTENT_TOO_LARGE, detail)
                .with("limit", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(limit));
    }

    /**
     * Whether more than {@code limit} bytes of the body arrived. Jetty's multipart parser stops at its limit with an
     * untyped {@link IllegalStateException}; what the connection delivered tells that from a malformed body.
     */
    private static boolean receivedMoreThan(Context ctx, long limit) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request != null && Request.getContentBytesRead(request) > limit;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : printable(m.lines().findFirst().orElse(""));
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
