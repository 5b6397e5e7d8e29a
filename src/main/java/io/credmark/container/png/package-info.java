/**
 * PNG chunks: the chunk reader and the caBX carrier (C2PA 2.2 §A.3.2). Depends on {@code container} and {@code bytes}
 * only.
 */
package io.credmark.container.png;
