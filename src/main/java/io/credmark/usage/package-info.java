/**
 * What creators learn about their credentials and how they answer: usage figures counted per credential and day
 * (events, never people; see docs/usage.md), misuse reports and the creator's inbox, notices shown wherever a
 * credential is checked, public profiles, and webhooks fed from a durable outbox. Depends on the service and store
 * packages; the HTTP edge depends on it.
 */
package io.credmark.usage;
