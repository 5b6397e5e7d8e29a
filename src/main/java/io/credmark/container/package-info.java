/**
 * Image containers as byte structures: finding, inserting and removing the C2PA manifest store in PNG and JPEG files
 * byte-exact, and reading header facts (size, colour type) without decoding pixels. Depends only on {@code bytes} and
 * the shared errors; never on {@code c2pa}, the use cases, {@code store}, {@code http} or {@code cli}.
 */
package io.credmark.container;
