/**
 * Creators and what they own: accounts and tokens, API keys, registered models and their lineage, disclosure
 * policies, and issued credentials as each viewer may see them. Depends on {@code credential}, {@code disclosure},
 * {@code provenance} and {@code store}.
 */
package io.credmark.creators;
