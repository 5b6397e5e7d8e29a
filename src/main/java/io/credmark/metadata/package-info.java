/**
 * What generator front ends already write into their files, and the labels other tools read: reading AUTOMATIC1111,
 * ComfyUI, InvokeAI, NovelAI and Civitai metadata (with metadata-extractor) into provenance fields, keeping the
 * input's own plain-text copy from leaking fields that are not public, and writing XMP (IPTC digital source type
 * and AI properties, PLUS data-mining terms) before the hard binding is computed. Depends on container and
 * provenance only.
 */
package io.credmark.metadata;
