// Live progress of the running exchange: bytes of expected, rate, packets. Read at most 5×/s.
import { useShallow } from 'zustand/react/shallow';
import { useClient, useClientThrottled } from '../store/store-context.js';
import { fmtInt, fmtPercent, fmtRate } from '../display/format.js';

export function LiveProgress() {
  const sending = useClient((s) => s.sending);
  const expected = useClient((s) => s.expectedBytes);
  const live = useClientThrottled(
    useShallow((s) => {
      const x = s.currentExchange ? s.exchanges[s.currentExchange] : undefined;
      return {
        bytes: x?.bytes ?? 0,
        packets: x?.packets ?? 0,
        proto: x?.proto ?? s.clientForm.proto,
        elapsedMs: x && x.lastPayloadT !== null ? x.lastPayloadT - x.startT : 0,
      };
    }),
  );
  // The reply to send() can come a batch ahead of the last events: once the summary is here, its
  // figures are the final ones, so the bar never reads "0 / 12 bytes" next to a finished summary.
  const summary = useClient((s) => s.lastSummary);
  const final = summary
    ? { bytes: summary.bytes, packets: summary.proto === 'udp' ? summary.datagrams : summary.reads, rate: summary.throughputBps }
    : null;
  const bytes = final?.bytes ?? live.bytes;
  const packets = final?.packets ?? live.packets;
  const max = expected && expected > 0 ? expected : Math.max(bytes, 1);
  const rate = final?.rate ?? (live.elapsedMs > 0 ? (live.bytes * 1000) / live.elapsedMs : 0);
  const unit = live.proto === 'udp' ? 'datagrams' : 'socket reads';
  return (
    <div className={`progress${sending ? ' is-live' : ''}`}>
      <div
        role="progressbar"
        aria-label="Progress"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(bytes, max)}
        className="progress-track"
      >
        <div className="progress-fill" style={{ transform: `scaleX(${Math.min(1, bytes / max)})` }} />
      </div>
      <div className="progress-text small">
        <span className="mono">
          {fmtInt(bytes)}
          {expected !== null ? ` / ${fmtInt(expected)}` : ''} bytes
        </span>
        {expected ? <span>{fmtPercent(bytes, expected)}</span> : null}
        <span>{fmtRate(rate)}</span>
        <span>
          {fmtInt(packets)} {unit}
        </span>
      </div>
    </div>
  );
}
