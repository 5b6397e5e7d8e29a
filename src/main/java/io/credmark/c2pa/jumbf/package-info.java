/**
 * JUMBF boxes, superboxes and description boxes, read and written, and the manifest store as a box tree (ISO 19566-5,
 * C2PA 2.2 §11). Depends on {@code bytes} and the shared errors only.
 */
package io.credmark.c2pa.jumbf;
