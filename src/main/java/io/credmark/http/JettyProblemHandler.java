package io.credmark.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before a request reaches the router (a malformed request line, headers too
 * large, …), as problem+json too. The type URI is relative: Jetty does not know the public URL.
 */
final class JettyProblemHandler extends ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ProblemType type = ProblemType.forStatus(code);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", "/problems/" + type.slug());
        n.put("title", type == ProblemType.HTTP_ERROR ? "HTTP " + code : type.title());
        n.put("status", code);
        if (message != null) {
            n.put("detail", message);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(n.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
