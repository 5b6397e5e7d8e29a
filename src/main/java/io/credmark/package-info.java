/**
 * What every layer shares: the input errors the edges translate into answers ({@link
 * io.credmark.InvalidInputException}, {@link io.credmark.NotFoundException}, {@link
 * io.credmark.AccessDeniedException}, {@link io.credmark.ConflictException}), the upload {@link
 * io.credmark.Limits} and the one Jackson configuration ({@link io.credmark.Json}). Depends on nothing else in
 * credmark, so that any package may use it.
 */
package io.credmark;
