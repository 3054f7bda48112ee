// The server window: protocol and address, settings, Start / Stop, peers, exchanges, the newest
// exchange's timeline and the event log.
import { useId } from 'react';
import type { ServerConfig } from '../../src-shared/api.js';
import { describeExposure } from '../../src-shared/server-exposure.js';
import { AddressFields } from '../components/address-fields.js';
import { ExchangeHistory } from '../components/exchange-history.js';
import { ErrorLine, Field } from '../components/field.js';
import { PaneHeader } from '../components/pane-header.js';
import { ServerActivity } from '../components/server-activity.js';
import { ViewBody } from '../components/view-body.js';
import type { ServerForm } from '../store/server-slice.js';
import { useServer } from '../store/store-context.js';

function ServerStatus() {
  const server = useServer((s) => s.server);
  const paired = useServer((s) => s.pairedServer);
  if (!server) return <span className="pill">stopped</span>;
  return (
    <span className="pill pill-live">
      {server.proto.toUpperCase()}
      {paired ? ` + ${paired.proto.toUpperCase()}` : ''} listening
    </span>
  );
}

function Settings({ disabled }: { disabled: boolean }) {
  const form = useServer((s) => s.serverForm);
  const errors = useServer((s) => s.serverErrors);
  const setField = useServer((s) => s.setServerField);
  const seqId = useId();
  const field = (key: Exclude<keyof ServerForm, 'proto' | 'host' | 'port' | 'sequenceNumbers'>, label: string, hint: string) => (
    <Field
      label={label}
      value={form[key]}
      onValue={(v) => setField(key, v)}
      error={errors[key]}
      hint={hint}
      disabled={disabled}
      inputMode="numeric"
    />
  );
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Settings</legend>
      <div className="row row-settings">
        {field('fileLimit', 'File limit (chars)', 'largest file N served')}
        {field('streamLimit', 'Stream limit (segments)', 'longer streams are capped')}
        {field('chunkBytes', 'UDP chunk (bytes)', 'datagram size for files')}
        {field('udpRateMBps', 'UDP rate (MB/s)', '0 = unpaced: shows UDP loss')}
      </div>
      <div className="row row-settings" aria-label="Limits">
        {field('streamMaxDurationS', 'Longest stream (s)', 'count × interval')}
        {form.proto === 'tcp' ? (
          <>
            {field('maxConnections', 'Max connections', 'then refused with one line')}
            {field('maxConnectionsPerHost', 'Max per host', 'connections from one address')}
          </>
        ) : (
          <>
            {field('udpMaxTransfersPerSource', 'Transfers per source', 'at once, to one address')}
            {field('udpMaxTransfers', 'Transfers in all', 'at once')}
            {field('udpSourceRateMBps', 'Per-source budget (MB/s)', 'what one address can be sent; 0 = none')}
            {field('udpTotalRateMBps', 'Total budget (MB/s)', 'all sources together; 0 = none')}
          </>
        )}
      </div>
      <div className="check">
        <input
          id={seqId}
          type="checkbox"
          checked={form.sequenceNumbers}
          onChange={(e) => setField('sequenceNumbers', e.target.checked)}
        />
        <label htmlFor={seqId}>Sequence numbers in stream segments</label>
      </div>
    </fieldset>
  );
}

/** The one-line warning that the server is reachable from the network, with its bounds. */
function Exposure() {
  const server = useServer((s) => s.server);
  const line = server ? describeExposure(server.proto, server.config as ServerConfig, server.local) : null;
  if (line === null) return null;
  return (
    <p className="exposure" role="note">
      {line}
    </p>
  );
}

function ServerControls() {
  const form = useServer((s) => s.serverForm);
  const errors = useServer((s) => s.serverErrors);
  const server = useServer((s) => s.server);
  const busy = useServer((s) => s.serverBusy);
  const setField = useServer((s) => s.setServerField);
  const start = useServer((s) => s.startServer);
  const stop = useServer((s) => s.stopServer);
  const paired = useServer((s) => s.pairedServer);
  const both = useServer((s) => s.bothProtocols);
  const setBoth = useServer((s) => s.setBothProtocols);
  const bothId = useId();
  const locked = server !== null || busy !== null;
  return (
    <section className="card">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <AddressFields role="server" value={form} errors={errors} disabled={locked} onField={setField} />
        <Settings disabled={locked} />
        <div className="actions">
          <button type="submit" className="btn-primary" disabled={locked}>
            {busy === 'starting' ? 'Starting…' : 'Start server'}
          </button>
          <button type="button" className="btn-secondary" disabled={!server || busy !== null} onClick={() => void stop()}>
            Stop server
          </button>
          <span className="check-inline" title="Start TCP and UDP on the same port (with port 0, the second reuses the first one's port)">
            <input id={bothId} type="checkbox" checked={both} disabled={locked} onChange={(e) => setBoth(e.target.checked)} />
            <label htmlFor={bothId}>TCP + UDP</label>
          </span>
          {server ? (
            <span className="bound" role="status">
              Listening on <span className="mono">{server.local}</span>
              <span className="muted">
                {' '}
                ({server.proto.toUpperCase()}
                {paired ? ` + ${paired.proto.toUpperCase()}` : ''})
              </span>
            </span>
          ) : null}
        </div>
        {server ? <Exposure /> : null}
        <ErrorLine message={errors.general} />
      </form>
    </section>
  );
}

export function ServerView() {
  return (
    <div className="view">
      <PaneHeader title="Server" status={<ServerStatus />} />
      <ViewBody>
        <ServerControls />
        <ServerActivity />
        <ExchangeHistory />
      </ViewBody>
    </div>
  );
}
