/**
 * The HTTP edge: Javalin routes (one table, which the link builder shares), request parsing, authentication,
 * problem+json, OpenAPI and the web pages. Depends on {@code app} and the use cases; never touches the bytes of a
 * file format itself.
 */
package io.credmark.http;
