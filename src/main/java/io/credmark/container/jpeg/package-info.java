/**
 * JPEG segments: the marker-segment reader and the APP11 JUMBF carrier (C2PA 2.2 §A.3.3). Depends on {@code
 * container} and {@code bytes} only.
 */
package io.credmark.container.jpeg;
