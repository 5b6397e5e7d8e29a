/**
 * Benchmarks and attack suites: {@code bench c2pa}, {@code bench http} (with its load generator) and
 * {@code bench watermark} (with {@link io.credmark.bench.Attacks}, the image edits a watermark has to survive, which
 * the watermark tests use too). Not product code: the sources live in {@code src/bench}, are compiled beside the
 * product's so that the one jar can run them, and are reached only through {@link io.credmark.cli.CommandPlugin}
 * (a {@link java.util.ServiceLoader} entry in {@code META-INF/services}), so no product class imports this package.
 * May depend on any product package; nothing depends on it except tests.
 */
package io.credmark.bench;
