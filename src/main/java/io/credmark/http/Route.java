package io.credmark.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API.
 *
 * @param maxBody the largest request body accepted, in bytes; a larger declared Content-Length is refused with 413
 *                before anything is read
 */
record Route(HandlerType method, String path, Access access, long maxBody, Handler handler) {
}
