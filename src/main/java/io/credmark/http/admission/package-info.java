/**
 * Admission of HTTP requests before they cost work: who the client is (an API key, a creator, or a hashed address),
 * how many of its requests may run at once, and how many it may make per minute. Nothing here is persisted or
 * logged; the counts live in one node's memory.
 */
package io.credmark.http.admission;
