/**
 * The stamp use case: an image and its provenance in, a signed manifest (with the mark and watermark when asked)
 * embedded and the credential committed to the store, the stamped bytes out. Depends on the core ({@code c2pa},
 * {@code container}, {@code pixels}, {@code disclosure}, {@code provenance}), {@code credential}, {@code creators}
 * and {@code store}; never on {@code http}, {@code cli} or {@code app}.
 */
package io.credmark.issuance;
