// The client window: address, one form per command, Send / Cancel, live progress and waits,
// the summary, the Wireshark filter, the timeline and the event log.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { UDP_MAX_PAYLOAD_BYTES } from '../../src-shared/protocol/limits.js';
import { AddressFields } from '../components/address-fields.js';
import { BothEndsTimeline } from '../components/both-ends-timeline.js';
import { CommandTabs } from '../components/command-tabs.js';
import { ConditionsPanel } from '../components/conditions-panel.js';
import { ExchangeHistory } from '../components/exchange-history.js';
import { RunBothButton } from '../components/run-both-button.js';
import { ErrorLine, Field } from '../components/field.js';
import { LiveProgress } from '../components/live-progress.js';
import { PaneHeader } from '../components/pane-header.js';
import { SummaryPanel } from '../components/summary-panel.js';
import { ViewBody } from '../components/view-body.js';
import { WaitCountdown } from '../components/wait-countdown.js';
import { WiresharkFilter } from '../components/wireshark-filter.js';
import { useEscapeCancel } from '../components/use-escape-cancel.js';
import type { ClientForm } from '../store/client-slice.js';
import type { TimeoutField } from '../store/client-timeouts.js';
import { useClient, useClientStore, useClientThrottled } from '../store/store-context.js';

/** Typing in Host or Port re-opens the client endpoint only after this pause. */
const REOPEN_DEBOUNCE_MS = 400;

function ClientStatus() {
  const client = useClient((s) => s.client);
  const sending = useClient((s) => s.sending);
  if (!client) return <span className="pill">no endpoint</span>;
  return (
    <span className={`pill${sending ? ' pill-live' : ''}`}>
      {client.proto.toUpperCase()} → {client.remote ?? client.local}
      {client.link ? ' · via link' : ''}
      {sending ? ' · running' : ''}
    </span>
  );
}

/** Keeps one client endpoint open for the form's protocol, host, port and network conditions;
 *  closes it on unmount. */
function useClientEndpoint(): void {
  const store = useClientStore();
  const key = useClient(
    (s) =>
      `${s.clientForm.proto}|${s.clientForm.host}|${s.clientForm.port}|${s.clientForm.replyTimeoutS}|${s.clientForm.idleTimeoutS}|${s.clientForm.prepareTimeoutS}|${JSON.stringify(s.conditionsForm)}`,
  );
  useEffect(() => {
    const timer = setTimeout(() => void store.getState().syncClient(), REOPEN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, store]);
  useEffect(() => () => void store.getState().closeClient(), [store]);
}

function CommandFields({ form, disabled }: { form: ClientForm; disabled: boolean }) {
  const errors = useClient((s) => s.clientErrors);
  const setField = useClient((s) => s.setClientField);
  const bind = (key: 'message' | 'chars' | 'intervalMs' | 'count' | 'size') => ({
    value: form[key],
    onValue: (v: string) => setField(key, v),
    error: errors[key],
    disabled,
  });
  if (form.tab === 'echo') {
    return <Field label="Message" {...bind('message')} hint="The server replies with it in upper case." />;
  }
  if (form.tab === 'file') {
    return (
      <Field
        label="Characters"
        {...bind('chars')}
        inputMode="numeric"
        hint="Any whole number: the server sends file_prepared, then N × “A”, or says why it refuses N."
      />
    );
  }
  return (
    <div className="row row-stream">
      <Field label="Interval (ms)" {...bind('intervalMs')} inputMode="decimal" />
      <Field label="Count" {...bind('count')} inputMode="numeric" />
      <Field
        label="Size (bytes)"
        {...bind('size')}
        inputMode="numeric"
        hint={form.proto === 'udp' ? `UDP: at most ${UDP_MAX_PAYLOAD_BYTES.toLocaleString('en-US')}` : undefined}
      />
    </div>
  );
}

/** The waits of the form's protocol: TCP's reply timeout, UDP's idle and prepare timeouts. */
function TimeoutFields({ form, disabled }: { form: ClientForm; disabled: boolean }) {
  const errors = useClient((s) => s.clientErrors);
  const setField = useClient((s) => s.setClientField);
  const bind = (key: TimeoutField) => ({
    value: form[key],
    onValue: (v: string) => setField(key, v),
    error: errors[key],
    disabled,
    inputMode: 'decimal' as const,
  });
  if (form.proto === 'tcp') {
    return (
      <Field
        label="Reply timeout (s)"
        className="field-reply-timeout"
        {...bind('replyTimeoutS')}
        hint="No reply byte for this long ends the exchange with TIMEOUT."
      />
    );
  }
  return (
    <div className="row row-timeouts">
      <Field
        label="Idle timeout (s)"
        className="field-idle-timeout"
        {...bind('idleTimeoutS')}
        hint="No datagram for this long ends the exchange."
      />
      <Field
        label="Prepare timeout (s)"
        className="field-prepare-timeout"
        {...bind('prepareTimeoutS')}
        hint="No file_prepared for this long ends a file request."
      />
    </div>
  );
}

function CommandCard() {
  const form = useClient((s) => s.clientForm);
  const errors = useClient((s) => s.clientErrors);
  const sending = useClient((s) => s.sending);
  const setField = useClient((s) => s.setClientField);
  const send = useClient((s) => s.send);
  const cancel = useClient((s) => s.cancel);
  return (
    <section className="card">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <AddressFields role="client" value={form} errors={errors} disabled={sending} onField={setField} />
        <TimeoutFields form={form} disabled={sending} />
        <CommandTabs value={form.tab} onChange={(tab) => setField('tab', tab)}>
          <CommandFields form={form} disabled={sending} />
        </CommandTabs>
        <div className="actions">
          <button type="submit" className="btn-primary" disabled={sending}>
            Send
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={!sending}
            onClick={() => void cancel()}
            aria-keyshortcuts="Escape"
            title="Cancel the running exchange (Esc)"
          >
            Cancel
          </button>
          <RunBothButton />
          <WaitCountdown />
        </div>
        <ErrorLine message={errors.general} />
      </form>
    </section>
  );
}

function ExchangeCard() {
  // The exchange picked in the history, else the newest.
  const summary = useClient((s) =>
    s.selectedExchange !== null ? (s.exchanges[s.selectedExchange]?.summary ?? s.lastSummary) : s.lastSummary,
  );
  // Drops come at packet rate: read at most UI_REFRESH_MS apart.
  const link = useClientThrottled((s) => s.linkView);
  const started = useClient((s) => s.sending || s.lastSummary !== null || s.currentExchange !== null);
  const where = useClient(
    useShallow((s) => {
      const x = s.currentExchange ? s.exchanges[s.currentExchange] : undefined;
      return {
        id: summary?.exchange ?? s.currentExchange,
        proto: summary?.proto ?? x?.proto,
        local: summary?.local ?? x?.local ?? '',
        remote: summary?.remote ?? x?.remote ?? '',
      };
    }),
  );
  return (
    <>
      <section className="card live">
        <div className="card-head">
          <h3>Exchange</h3>
          {where.id ? <span className="mono muted small" title="The id both views show for this exchange">{where.id}</span> : null}
        </div>
        {started ? <LiveProgress /> : <p className="muted">Nothing sent yet.</p>}
        {summary?.reply != null ? (
          <div className="reply">
            <span className="muted small">Reply as received</span>
            <output className="reply-text mono">{summary.reply}</output>
          </div>
        ) : null}
        {where.proto && (where.local || where.remote) ? (
          <WiresharkFilter proto={where.proto} local={where.local} remote={where.remote} />
        ) : null}
      </section>
      <SummaryPanel summary={summary} link={link} />
      <BothEndsTimeline />
    </>
  );
}

/** `conditions={false}` when the page shows the panel elsewhere (between the views on `#/`). */
export function ClientView({ conditions = true }: { conditions?: boolean }) {
  useClientEndpoint();
  const sending = useClient((s) => s.sending);
  const cancel = useClient((s) => s.cancel);
  useEscapeCancel(sending, cancel);
  return (
    <div className="view">
      <PaneHeader title="Client" status={<ClientStatus />} />
      {/* On a wide window form, progress, summary and timeline fit one screen. */}
      <ViewBody>
        <CommandCard />
        {conditions ? <ConditionsPanel /> : null}
        <ExchangeCard />
        <ExchangeHistory />
      </ViewBody>
    </div>
  );
}
