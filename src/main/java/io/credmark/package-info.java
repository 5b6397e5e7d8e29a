/**
 * What every layer shares: the input errors the edges translate into answers ({@link
 * io.credmark.InvalidInputException}, {@link io.credmark.NotFoundException}, {@link
 * io.credmark.AccessDeniedException}, {@link io.credmark.ConflictException}) and the upload {@link
 * io.credmark.Limits}. Depends on nothing else in credmark, so that any package may use it.
 */
package io.credmark;
