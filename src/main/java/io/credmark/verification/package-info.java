/**
 * The verify use case: validating an image's manifest, the report and its JSON, reading the watermark, and looking up
 * and revealing the credential a manifest or watermark leads to. Depends on the core, {@code credential}, {@code
 * creators} and {@code store}; never on {@code issuance}, {@code http}, {@code cli} or {@code app}.
 */
package io.credmark.verification;
