/**
 * The database: JDBC repositories, one per aggregate (credentials, creators, models, API keys), their row records and
 * the Flyway migrations for H2 and PostgreSQL. Depends on nothing in credmark; only the use cases and {@code app} use
 * it.
 */
package io.credmark.store;
