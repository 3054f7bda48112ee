#!/usr/bin/env node
// Runs @doyensec/electronegativity on the Electron shell's source and fails on any HIGH or
// MEDIUM finding except the generic "review your preload" note.
//   node scripts/security-scan.cjs [input=src-main/electron] [-o report.csv]
// It drives electronegativity's runner directly: its CLI breaks when a newer `commander` is
// hoisted (it never declared that dependency), and its CSV writer races its own header write.
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

/** The one finding we accept: electronegativity flags every preload for manual review. */
const ACCEPTED_CHECKS = new Set(['PRELOAD_JS_CHECK']);
const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);
/**
 * Not run: it downloads Electron's release list (no timeout) to report newer Electron releases,
 * which says nothing about our code and would turn the scan red whenever Electron ships a patch.
 * Keeping Electron current is the release routine's job (npm outdated), not this check's.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

function electronVersion(root) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** Returns every finding as a plain row, and the ones that block. */
async function scan(input, root = path.resolve(__dirname, '..')) {
  const run = require('@doyensec/electronegativity');
  const result = await run({
    input: path.resolve(root, input),
    electronVersionOverride: electronVersion(root),
    excludeFromScan: EXCLUDED_CHECKS,
    output: null,
  });
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: path.relative(root, issue.file === 'N/A' ? root : issue.file) || 'N/A',
    location: `${issue.location.line}:${issue.location.column}`,
    sample: issue.sample ?? '',
    description: issue.description,
    manualReview: Boolean(issue.manualReview),
  }));
  const blocking = findings.filter((f) => BLOCKING_SEVERITIES.has(f.severity) && !ACCEPTED_CHECKS.has(f.id));
  return { findings, blocking, errors: result.errors ?? [] };
}

function toCsv(findings) {
  const cell = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const header = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description'];
  const rows = findings.map((f) =>
    [f.id, f.severity, f.confidence, f.file, f.location, f.sample, f.description].map(cell).join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

async function main(argv) {
  const outIndex = argv.indexOf('-o');
  const output = outIndex >= 0 ? argv[outIndex + 1] : null;
  const input =
    argv.find((a, i) => !a.startsWith('-') && (outIndex < 0 || i !== outIndex + 1)) ?? 'src-main/electron';
  const { findings, blocking } = await scan(input);
  for (const f of findings)
    console.log(`${f.severity.padEnd(13)} ${f.id.padEnd(28)} ${f.file}:${f.location}  ${f.description}`);
  if (output) writeFileSync(output, toCsv(findings));
  console.log(
    `electronegativity: ${findings.length} findings, ${blocking.length} blocking (HIGH/MEDIUM other than ${[...ACCEPTED_CHECKS].join(', ')})`,
  );
  return blocking.length === 0 ? 0 : 1;
}

module.exports = { scan, toCsv, ACCEPTED_CHECKS };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
