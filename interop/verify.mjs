#!/usr/bin/env node
// Batch front end for the reference C2PA verifier (c2pa-rs compiled to WebAssembly,
// npm package @contentauth/c2pa-wasm). Used by CI and by the Java test helper
// io.credmark.testing.ReferenceVerifier to check that every file credmark writes is accepted.
//
//   node interop/verify.mjs [--trust-anchors PEM]... [--allowed-list PEM]... [--cawg-trust-anchors PEM]... FILE...
//
// Prints ONE JSON array to stdout with one object per FILE, in argument order:
//   { file, format, validationState: "Trusted"|"Valid"|"Invalid"|null, activeManifest,
//     success: [code], informational: [code], failure: [{code, url, explanation}], error }
// `error` is a string when the file could not be read or carries no readable manifest
// (then validationState is null); otherwise it is null.
//
// Exit status: 0 when the verifier ran (whatever the verdicts), 2 on usage errors,
// 3 when the wasm package is not installed (run `npm ci` in interop/).
//
// Works offline: remote manifests are never fetched and OCSP is off. No trust anchors are
// built in; without --trust-anchors every signer is reported as signingCredential.untrusted.
// --cawg-trust-anchors sets c2pa-rs's separate CAWG trust list, which judges the X.509 credentials of
// CAWG identity assertions; without it they are cawg.x509.credential.untrusted. c2pa-rs 0.91 takes it
// as a trust.anchors entry of trust_kind "cawg" (earlier releases had a cawg_trust section instead).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

// stdout carries only the JSON result; anything the wasm module logs goes to stderr.
const writeStdout = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'info', 'debug', 'warn', 'trace']) console[k] = (...a) => console.error(...a);

const USAGE = 'usage: node verify.mjs [--trust-anchors PEM]... [--allowed-list PEM]... [--cawg-trust-anchors PEM]... FILE...';

function usageError(msg) {
  process.stderr.write(`verify.mjs: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      'trust-anchors': { type: 'string', multiple: true, default: [] },
      'allowed-list': { type: 'string', multiple: true, default: [] },
      'cawg-trust-anchors': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  usageError(e.message);
}
if (args.values.help) {
  writeStdout(USAGE + '\n');
  process.exit(0);
}
const files = args.positionals;
if (files.length === 0) usageError('no input files');

function readPems(paths, option) {
  return paths.map((p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      return usageError(`cannot read ${option} ${p}: ${e.code || e.message}`);
    }
  }).join('\n');
}

// c2pa-rs settings: verify the chain of trust, never touch the network.
const settings = {
  verify: { verify_trust: true, remote_manifest_fetch: false, ocsp_fetch: false },
};
const trust = {};
if (args.values['trust-anchors'].length) trust.trust_anchors = readPems(args.values['trust-anchors'], '--trust-anchors');
if (args.values['allowed-list'].length) trust.allowed_list = readPems(args.values['allowed-list'], '--allowed-list');
if (args.values['cawg-trust-anchors'].length) {
  trust.anchors = [{
    trust_kind: 'cawg',
    trust_anchors: readPems(args.values['cawg-trust-anchors'], '--cawg-trust-anchors'),
  }];
}
if (Object.keys(trust).length) settings.trust = trust;
const settingsJson = JSON.stringify(settings);

// ---------------------------------------------------------------- wasm module
const require = createRequire(import.meta.url);
let wasmBytes, jsUrl;
try {
  wasmBytes = readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm'));
  jsUrl = pathToFileURL(require.resolve('@contentauth/c2pa-wasm')).href;
} catch {
  process.stderr.write('verify.mjs: @contentauth/c2pa-wasm is not installed; run `npm ci` in interop/\n');
  process.exit(3);
}

// A trap inside the wasm (panic, stack overflow) can leave the instance unusable, so after one
// the module is loaded again under a fresh URL, which gives a fresh instance for the next file.
let generation = 0;
async function loadC2pa() {
  const mod = await import(`${jsUrl}?instance=${generation++}`);
  mod.initSync({ module: wasmBytes });
  return mod;
}
let c2pa = await loadC2pa();

// ---------------------------------------------------------------- helpers
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BY_EXTENSION = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp',
  '.tif': 'image/tiff', '.tiff': 'image/tiff', '.gif': 'image/gif', '.avif': 'image/avif',
  '.heic': 'image/heic', '.heif': 'image/heif', '.c2pa': 'application/c2pa',
};

function sniffFormat(bytes, path) {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

const errorText = (e) => (typeof e === 'string' ? e : String(e?.message ?? e));
const uniq = (xs) => [...new Set(xs)];

async function verifyOne(file) {
  const out = {
    file, format: null, validationState: null, activeManifest: null,
    success: [], informational: [], failure: [], error: null,
  };
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    out.error = `cannot read file: ${e.code || e.message}`;
    return out;
  }
  out.format = sniffFormat(bytes, file);
  if (!out.format) {
    out.error = 'unrecognised file format';
    return out;
  }

  let reader;
  try {
    reader = await c2pa.WasmReader.fromBytes(out.format, new Uint8Array(bytes), settingsJson);
  } catch (e) {
    out.error = errorText(e);
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
      out.error = `verifier trapped: ${out.error}`;
      c2pa = await loadC2pa();
    }
    return out;
  }
  try {
    const store = JSON.parse(reader.json());
    out.validationState = store.validation_state ?? null;
    out.activeManifest = store.active_manifest ?? null;
    if (!out.activeManifest) out.error = 'no active manifest';

    const vr = store.validation_results ?? {};
    const active = vr.activeManifest ?? {};
    out.success = uniq((active.success ?? []).map((s) => s.code));
    out.informational = uniq((active.informational ?? []).map((s) => s.code));

    // Failures of the active manifest, then those reported for ingredients, then any entry of
    // the older flat validation_status list not already covered.
    const failures = [...(active.failure ?? [])];
    for (const d of vr.ingredientDeltas ?? []) failures.push(...(d.validationDeltas?.failure ?? []));
    const benign = new Set([...out.success, ...out.informational]);
    for (const s of store.validation_status ?? []) if (!benign.has(s.code)) failures.push(s);
    const seen = new Set();
    for (const s of failures) {
      const key = `${s.code}\u0000${s.url ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.failure.push({ code: s.code, url: s.url ?? null, explanation: s.explanation ?? null });
    }
  } catch (e) {
    out.error = `cannot read verifier report: ${errorText(e)}`;
  } finally {
    reader.free();
  }
  return out;
}

// ---------------------------------------------------------------- main
const results = [];
for (const f of files) results.push(await verifyOne(f));
writeStdout(JSON.stringify(results, null, 2) + '\n');
process.exitCode = 0;
