/**
 * The provenance document credmark stamps: its records, its JSON schema and canonical form, path addressing of its
 * fields, and readers for generator metadata. Depends only on the shared errors.
 */
package io.credmark.provenance;
