import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, findExperiment } from '../../src-shared/experiments/index.js';
import { ExperimentSchema } from '../../src-shared/experiments/experiment.js';

describe('built-in experiments', () => {
  it('are at least six, with unique names, each valid against the schema', () => {
    expect(EXPERIMENTS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(EXPERIMENTS.map((e) => e.name)).size).toBe(EXPERIMENTS.length);
    for (const e of EXPERIMENTS) expect(ExperimentSchema.safeParse(e).success).toBe(true);
  });

  it('cover both protocols in every comparison that says it compares them', () => {
    const lossy = findExperiment('lossy-stream')!;
    expect(lossy.runs.map((r) => r.proto).sort()).toEqual(['tcp', 'udp']);
    expect(lossy.runs.every((r) => r.conditions?.seed === 42 && r.conditions.upstream.lossPct === 10)).toBe(true);
  });

  it('refuse a malformed experiment with the field named', () => {
    const bad = ExperimentSchema.safeParse({ ...EXPERIMENTS[0], name: 'Bad Name' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['name']);
  });
});
