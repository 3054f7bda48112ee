// .github/workflows/release.yml is valid for GitHub Actions — checked with GitHub's own workflow
// parser (@actions/workflow-parser, from the actions/languageservices repository that backs the
// VS Code extension), since no trustworthy actionlint build installs from npm or Debian here — and
// it really runs the Electron smoke test: the binary is installed explicitly first, and the smoke
// steps require Electron (NETLAB_REQUIRE_ELECTRON=1) after the installers are packaged.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../..');
const WORKFLOW = path.join(ROOT, '.github', 'workflows', 'release.yml');

interface Parser {
  parseWorkflow(
    file: { name: string; content: string },
    trace: unknown,
  ): { context: { errors: { getErrors(): { message: string }[] } }; value: unknown };
  convertWorkflowTemplate(context: unknown, value: unknown): Promise<{ errors?: { Message: string }[] }>;
  NoOperationTraceWriter: new () => unknown;
  parseYaml(text: string): unknown;
}

interface Step {
  name?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}

let scratch: string;
let parser: Parser;

beforeAll(async () => {
  // The parser is an ES module that imports its schema JSON without an import attribute, which
  // Node refuses; esbuild bundles it (JSON included) into one CommonJS file for the test.
  const out = await build({
    stdin: {
      contents: "export * from '@actions/workflow-parser'; export { parse as parseYaml } from 'yaml';",
      resolveDir: ROOT,
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  scratch = mkdtempSync(path.join(tmpdir(), 'netlab-workflow-parser-'));
  const file = path.join(scratch, 'workflow-parser.cjs');
  writeFileSync(file, out.outputFiles[0]!.text);
  parser = require(file) as Parser;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function problems(name: string, content: string): Promise<string[]> {
  const parsed = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !parsed.value) return errors;
  const converted = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  return (converted.errors ?? []).map((e) => e.Message);
}

describe('release workflow', () => {
  const text = readFileSync(WORKFLOW, 'utf8');

  it("passes GitHub's workflow schema", async () => {
    expect(await problems('release.yml', text)).toEqual([]);
  });

  it('the check does reject a misspelt key and a bad expression (so the one above means something)', async () => {
    const typo = text.replace('runs-on: ${{ matrix.os }}', 'runs-onn: ${{ matrix.os }}');
    expect((await problems('typo.yml', typo)).join('\n')).toMatch(/runs-onn/);
    const badIf = text.replace("if: runner.os != 'Linux'", "if: runner.os != 'Linux' &&");
    expect(await problems('bad-if.yml', badIf)).not.toEqual([]);
  });

  it('installs Electron explicitly, packages, then runs the smoke test requiring Electron on every OS', () => {
    const doc = parser.parseYaml(text) as {
      jobs: { installers: { steps: Step[]; strategy: { matrix: { include: { os: string }[] } } } };
    };
    const job = doc.jobs.installers;
    expect(job.strategy.matrix.include.map((m) => m.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    const steps = job.steps;
    const at = (pred: (s: Step) => boolean): number => steps.findIndex(pred);
    const ci = at((s) => s.run === 'npm ci');
    const install = at((s) => s.run === 'npm run install-electron');
    const pack = at((s) => Boolean(s.run?.startsWith('npx electron-builder')));
    const smoke = steps.filter((s) => s.run?.includes('test/e2e/electron-smoke.spec.ts'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(ci);
    expect(pack).toBeGreaterThan(install);
    expect(smoke).toHaveLength(2);
    for (const step of smoke) {
      expect(steps.indexOf(step)).toBeGreaterThan(pack);
      expect(step.env?.NETLAB_REQUIRE_ELECTRON).toBe('1');
    }
    const linux = smoke.find((s) => s.if === "runner.os == 'Linux'");
    expect(linux?.run).toMatch(/^xvfb-run -a /);
    expect(smoke.find((s) => s.if === "runner.os != 'Linux'")).toBeDefined();
    // No step hides a failing smoke test.
    expect(text).not.toMatch(/continue-on-error/);
  });

  it('the smoke test fails, not skips, when NETLAB_REQUIRE_ELECTRON=1 and Electron is missing', () => {
    const spec = readFileSync(path.join(ROOT, 'test', 'e2e', 'electron-smoke.spec.ts'), 'utf8');
    expect(spec).toMatch(/const REQUIRED = process\.env\.NETLAB_REQUIRE_ELECTRON === '1';/);
    expect(spec).toMatch(/if \(REQUIRED\) throw new Error/);
  });
});
