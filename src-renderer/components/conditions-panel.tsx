// The network-conditions panel: a preset, an on/off switch, the seed, and every setting of the
// link grouped as a student thinks of them (loss, duplication and reordering, delay, bandwidth,
// MTU, TCP only). Settings the chosen protocol ignores are greyed with a short why.
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { LINK_TCP_LOSS_NOTE } from '../../src-shared/link/limits.js';
import { LINK_PRESETS, findLinkPreset } from '../../src-shared/link/presets.js';
import type { Proto } from '../../src-shared/protocol/limits.js';
import type { Direction, DirectionForm, DirectionTextField } from '../store/conditions-form.js';
import { appliesTo } from '../store/conditions-form.js';
import { setLayout, useLayout } from '../store/settings-persistence.js';
import { useClient } from '../store/store-context.js';
import { ErrorLine, Field } from './field.js';

const CUSTOM = 'custom';
const DIRECTIONS: { dir: Direction; label: string }[] = [
  { dir: 'upstream', label: 'Client → server' },
  { dir: 'downstream', label: 'Server → client' },
];

function LinkSwitch({ disabled }: { disabled: boolean }) {
  const enabled = useClient((s) => s.conditionsForm.enabled);
  const setEnabled = useClient((s) => s.setConditionsEnabled);
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        aria-label="Network-conditions link"
        checked={enabled}
        disabled={disabled}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
      <span aria-hidden="true">{enabled ? 'Link on' : 'Link off'}</span>
    </label>
  );
}

function PresetAndSeed({ disabled }: { disabled: boolean }) {
  const preset = useClient((s) => s.conditionsForm.preset);
  const seed = useClient((s) => s.conditionsForm.seed);
  const seedError = useClient((s) => s.conditionsErrors.seed);
  const pickPreset = useClient((s) => s.pickPreset);
  const setSeed = useClient((s) => s.setSeed);
  const rollSeed = useClient((s) => s.rollSeed);
  const presetId = useId();
  const chosen = preset ? findLinkPreset(preset) : undefined;
  return (
    <div className="row row-conditions-top">
      <div className="field">
        <label htmlFor={presetId}>Preset</label>
        <select
          id={presetId}
          value={chosen?.name ?? CUSTOM}
          disabled={disabled}
          onChange={(e) => {
            if (e.target.value !== CUSTOM) pickPreset(e.target.value);
          }}
        >
          {LINK_PRESETS.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title}
            </option>
          ))}
          <option value={CUSTOM}>Custom</option>
        </select>
        <div className="field-hint preset-hint">{chosen ? chosen.hint : 'Your own settings (edited from a preset).'}</div>
      </div>
      <div className="seed">
        <Field
          label="Seed"
          value={seed}
          onValue={setSeed}
          error={seedError}
          hint="same seed + same traffic = same drops"
          inputMode="numeric"
          disabled={disabled}
        />
        <button type="button" className="btn-small" disabled={disabled} onClick={rollSeed}>
          New seed
        </button>
      </div>
    </div>
  );
}

interface GroupProps {
  title: string;
  proto: Proto;
  /** The protocol this group acts on alone, and why the other ignores it. */
  only?: { proto: Proto; why: string };
  children: ReactNode;
  note?: ReactNode;
}

function Group({ title, proto, only, children, note }: GroupProps) {
  const greyed = only !== undefined && only.proto !== proto;
  return (
    <fieldset className={`cond-group${greyed ? ' cond-greyed' : ''}`} disabled={greyed}>
      <legend>
        {title}
        {only ? <span className={`only only-${only.proto}`}>{only.proto.toUpperCase()} only</span> : null}
      </legend>
      {greyed ? <p className="cond-why">{only.why}</p> : null}
      <div className="row row-cond">{children}</div>
      {note}
    </fieldset>
  );
}

function DirectionEditor({ dir, proto, disabled }: { dir: Direction; proto: Proto; disabled: boolean }) {
  const form = useClient((s) => s.conditionsForm[dir]);
  const errors = useClient((s) => s.conditionsErrors);
  const setField = useClient((s) => s.setDirectionField);
  const burstId = useId();
  const num = (key: DirectionTextField, label: string, hint?: string) => (
    <Field
      label={label}
      value={form[key]}
      onValue={(v) => setField(dir, key, v)}
      error={errors[`${dir}.${key}`]}
      hint={hint}
      inputMode="decimal"
      disabled={disabled || !appliesTo(key, proto)}
    />
  );
  const toggle = <K extends keyof DirectionForm>(key: K, value: DirectionForm[K]) => setField(dir, key, value);
  return (
    <div className="cond-groups">
      <Group
        title="Loss"
        proto={proto}
        note={
          proto === 'tcp' ? (
            <p className="cond-note">{LINK_TCP_LOSS_NOTE} (the delay is under “TCP only”).</p>
          ) : null
        }
      >
        {num('lossPct', 'Random loss (%)', proto === 'tcp' ? 'TCP: % of chunks delayed' : '% of datagrams dropped')}
        <div className="field field-check">
          <span className="field-label-spacer" aria-hidden="true" />
          <label className="check-inline" htmlFor={burstId}>
            <input
              id={burstId}
              type="checkbox"
              checked={form.burstOn}
              disabled={disabled || proto === 'tcp'}
              onChange={(e) => toggle('burstOn', e.target.checked)}
            />
            Bursty loss (Gilbert–Elliott)
          </label>
          <div className="field-hint">{proto === 'tcp' ? 'UDP only' : 'drops come in runs'}</div>
        </div>
        {form.burstOn ? (
          <>
            {num('goodToBadPct', 'P(good → bad) (%)', 'per datagram')}
            {num('badToGoodPct', 'P(bad → good) (%)', 'mean burst = 100 / P')}
            {num('badLossPct', 'Loss while bad (%)')}
          </>
        ) : null}
      </Group>
      <Group
        title="Duplication and reordering"
        proto={proto}
        only={{ proto: 'udp', why: 'TCP numbers every byte: the receiver’s kernel removes duplicates and restores order.' }}
      >
        {num('dupPct', 'Duplication (%)', '% sent twice')}
        {num('reorderPct', 'Reordering (%)', '% held back')}
        {num('reorderDelayMs', 'Extra delay (ms)', 'for reordered ones')}
      </Group>
      <Group title="Delay" proto={proto}>
        {num('delayMs', 'Delay (ms)', 'one way')}
        {num('jitterMs', 'Jitter ± (ms)', 'uniform around it')}
      </Group>
      <Group title="Bandwidth" proto={proto}>
        {num('rateMBps', 'Rate (MB/s)', '0 = unlimited')}
        {num('queueKiB', 'Queue (KiB)', proto === 'udp' ? 'full: tail drop' : 'full: sender waits')}
      </Group>
      <Group
        title="MTU"
        proto={proto}
        only={{ proto: 'udp', why: 'TCP cuts its stream into segments that fit the path itself.' }}
      >
        {num('mtuBytes', 'MTU (bytes)', '0 = off; IP packet = payload + 28')}
        <div className="field">
          <label htmlFor={`${burstId}-mtu`}>Over the MTU</label>
          <select
            id={`${burstId}-mtu`}
            value={form.mtuAction}
            disabled={disabled || proto === 'tcp'}
            onChange={(e) => toggle('mtuAction', e.target.value as DirectionForm['mtuAction'])}
          >
            <option value="drop">drop the datagram</option>
            <option value="fragment">pass, count fragments</option>
          </select>
        </div>
      </Group>
      <Group
        title="TCP only"
        proto={proto}
        only={{ proto: 'tcp', why: 'UDP has no byte stream to re-cut, stall or reset: each datagram stands alone.' }}
      >
        {num('sliceBytes', 'Slice (bytes)', '0 = off; writes of this size')}
        {num('sliceVarBytes', 'Slice ± (bytes)', 'random variation')}
        {num('stallMs', 'Stall (ms)', '0 = off; once')}
        {num('stallAfterBytes', 'Stall after (bytes)')}
        {num('resetAfterBytes', 'Reset after (bytes)', '0 = off')}
        {num('tcpRetransmitMs', 'Retransmission delay (ms)', 'for “lost” chunks')}
      </Group>
    </div>
  );
}

function DirectionPicker({ value, onChange, disabled }: { value: Direction; onChange(d: Direction): void; disabled: boolean }) {
  const errors = useClient((s) => s.conditionsErrors);
  const perDirection = useClient((s) => s.conditionsForm.perDirection);
  const setPerDirection = useClient((s) => s.setPerDirection);
  const checkId = useId();
  return (
    <div className="cond-direction">
      <label className="check-inline" htmlFor={checkId}>
        <input id={checkId} type="checkbox" checked={perDirection} disabled={disabled} onChange={(e) => setPerDirection(e.target.checked)} />
        Edit each direction
      </label>
      {perDirection ? (
        <div role="tablist" aria-label="Direction" className="tablist">
          {DIRECTIONS.map((d) => {
            const bad = Object.keys(errors).some((k) => k.startsWith(`${d.dir}.`));
            return (
              <button
                key={d.dir}
                type="button"
                role="tab"
                aria-selected={value === d.dir}
                className={`tab${bad ? ' tab-invalid' : ''}`}
                onClick={() => onChange(d.dir)}
              >
                {d.label}
                {bad ? <span className="tab-dot" aria-label="has errors" /> : null}
              </button>
            );
          })}
        </div>
      ) : (
        <span className="muted small">Both directions alike</span>
      )}
    </div>
  );
}

function AppliedLine() {
  const client = useClient((s) => s.client);
  const enabled = useClient((s) => s.conditionsForm.enabled);
  const invalid = useClient((s) => Object.keys(s.conditionsErrors).length > 0);
  if (invalid) return <p className="cond-status cond-status-bad">Fix the marked settings: nothing is sent until they are valid.</p>;
  if (!enabled) return <p className="cond-status muted">Off: the client talks to its server directly.</p>;
  if (!client?.link) return <p className="cond-status muted">Applied when the client opens (on the next Send at the latest).</p>;
  return (
    <p className="cond-status cond-status-ok">
      Through a link to <span className="mono">{client.remote ?? ''}</span>
    </p>
  );
}

export function ConditionsPanel({ variant = 'card' }: { variant?: 'card' | 'between' }) {
  const proto = useClient((s) => s.clientForm.proto);
  const enabled = useClient((s) => s.conditionsForm.enabled);
  const perDirection = useClient((s) => s.conditionsForm.perDirection);
  const general = useClient((s) => s.conditionsErrors.general);
  // A field with an error is never folded away.
  const invalid = useClient((s) => Object.keys(s.conditionsErrors).some((k) => k !== 'general'));
  const sending = useClient((s) => s.sending);
  const [editing, setEditing] = useState<Direction>('upstream');
  // Between the views the panel has a column of its own; in the client view the settings fold
  // away so Send and the summary stay in sight.
  // The fold in the client view is part of the remembered panel layout.
  const layout = useLayout();
  const key = variant === 'between' ? 'conditionsBetweenOpen' : 'conditionsOpen';
  const open = layout[key];
  const setOpen = (next: boolean): void => setLayout({ [key]: next });
  const dir: Direction = perDirection ? editing : 'upstream';
  const bodyId = useId();
  return (
    <section role="region" aria-label="Network conditions" className={`card conditions conditions-${variant}`}>
      <div className="card-head">
        <h3>Network conditions</h3>
        <span className="muted small">{proto.toUpperCase()}</span>
        <span className="spacer" />
        <LinkSwitch disabled={sending} />
      </div>
      <PresetAndSeed disabled={sending} />
      <AppliedLine />
      <ErrorLine message={general} />
      {enabled ? (
        <>
          <button
            type="button"
            className="disclosure"
            aria-expanded={open || invalid}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
          >
            <span className="disclosure-mark" aria-hidden="true" />
            {open || invalid ? 'Hide settings' : 'All settings'}
          </button>
          {open || invalid ? (
            <div id={bodyId}>
              <DirectionPicker value={dir} onChange={setEditing} disabled={sending} />
              <DirectionEditor key={dir} dir={dir} proto={proto} disabled={sending} />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
