/**
 * Validating a manifest store: the ordered checks (signature, hard binding, actions, time-stamps, CAWG identity),
 * their status codes and the validation result (spec 2.2 §15). Depends on the other {@code c2pa} packages, {@code
 * container} and {@code pki}; never on the use cases, {@code store}, {@code http} or {@code cli}.
 */
package io.credmark.c2pa.validate;
