/**
 * Drawing the visible attribution mark onto pixels. Depends on {@code pixels} only.
 */
package io.credmark.pixels.marker;
