#!/usr/bin/env node
// Self-check of verify.mjs: runs it over every file of testdata/c2pa-fixtures with the test trust
// anchors (trust/test_cert_root_bundle.pem + trust/generated-root.pem) and compares the validation
// state and the set of failure codes with the "c2pa-rs (test anchors)" lines of RESULTS.txt.
//
//   node interop/check-fixtures.mjs [fixtures_dir]
//
// Prints one line per file; exit 0 when all match, 1 on any difference.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '..', 'testdata', 'c2pa-fixtures');

// RESULTS.txt: a file name line, then indented lines such as
//   c2pa-rs (test anchors) exit=1 Invalid [assertion.dataHash.mismatch]
//   c2pa-rs (test anchors) exit=2 none [] (C2pa(JumbfNotFound))
const expected = new Map();
let current = null;
for (const line of readFileSync(join(dir, 'RESULTS.txt'), 'utf8').split('\n')) {
  if (line && !line.startsWith(' ')) { current = line.trim(); continue; }
  const m = /^\s+c2pa-rs \(test anchors\)\s+exit=\d+\s+(\S+)\s+\[([^\]]*)\]/.exec(line);
  if (m && current) {
    expected.set(current, { state: m[1] === 'none' ? null : m[1], failures: m[2] ? m[2].split(',') : [] });
  }
}

const files = [...expected.keys()].map((name) => {
  const p = [join(dir, name), join(dir, 'generated', name)].find(existsSync);
  if (!p) throw new Error(`fixture listed in RESULTS.txt not found: ${name}`);
  return p;
});
const json = execFileSync(process.execPath, [
  join(here, 'verify.mjs'),
  '--trust-anchors', join(dir, 'trust', 'test_cert_root_bundle.pem'),
  '--trust-anchors', join(dir, 'trust', 'generated-root.pem'),
  ...files,
], { encoding: 'utf8', maxBuffer: 64 << 20 });

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));
let bad = 0;
for (const r of JSON.parse(json)) {
  const name = r.file.split(/[\\/]/).pop();
  const want = expected.get(name);
  const codes = [...new Set(r.failure.map((f) => f.code))];
  const ok = r.validationState === want.state && sameSet(codes, want.failures);
  if (!ok) bad++;
  console.log(`${ok ? 'ok  ' : 'DIFF'} ${name.padEnd(38)} ${String(r.validationState ?? 'none').padEnd(8)} [${codes.join(',')}]` +
    (ok ? '' : `   expected ${want.state ?? 'none'} [${want.failures.join(',')}]`));
}
console.log(bad ? `${bad} file(s) differ from RESULTS.txt` : `all ${expected.size} files match RESULTS.txt (c2pa-rs, test anchors)`);
process.exitCode = bad ? 1 : 0;
