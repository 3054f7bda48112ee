// A scripted stand-in for the engine, injected as window.netlab before the renderer loads, so
// screenshots and the packet-rate check run without Electron or the real engine. It emits the
// same LabEvent shapes in batches every BATCH_MS, like the engine's EventBatcher.
/* global window */
(() => {
  const BATCH_MS = 25;
  /** Datagrams per tick: 1000 → 2000 events per batch, the engine's BATCH_MAX_EVENTS, 40,000/s. */
  const MAX_PER_TICK = 1000;
  let seq = 0;
  let nextEndpoint = 1;
  let nextExchange = 1;
  let nextPort = 51234;
  const t0 = performance.now();
  const listeners = new Set();
  const stats = { batches: 0, events: 0, listenerMs: 0, maxListenerMs: 0 };
  window.__fakeLabStats = stats;
  let pending = [];
  const endpoints = new Map();
  const now = () => performance.now() - t0;
  const ok = (value) => Promise.resolve({ ok: true, value });
  const err = (code, message) => Promise.resolve({ ok: false, error: { code, message } });

  let wall = new Date().toISOString();
  function emit(e) {
    seq += 1;
    const t = now();
    // One wall-clock string per batch: formatting a Date per event would make this fake, not the
    // renderer under test, the bottleneck.
    pending.push({
      seq, t, time: wall, exchange: null, command: null, local: '', remote: '',
      bytes: null, segment: null, detail: '', ...e,
    });
  }
  setInterval(() => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    wall = new Date().toISOString();
    // How long the renderer's listeners take per batch: the number this fake exists to measure.
    const t = performance.now();
    for (const l of listeners) l(batch);
    const ms = performance.now() - t;
    stats.batches += 1;
    stats.events += batch.length;
    stats.listenerMs += ms;
    stats.maxListenerMs = Math.max(stats.maxListenerMs, ms);
  }, BATCH_MS);

  function info(ep) {
    return { id: ep.id, role: ep.role, proto: ep.proto, state: ep.state, local: ep.local, remote: ep.remote, port: ep.port, config: ep.config };
  }

  const addr = (host, port) => (host.includes(':') ? `[${host}]:${port}` : `${host || '0.0.0.0'}:${port}`);

  function summary(base, extra) {
    return {
      exchange: base.exchange, endpoint: base.endpoint, role: base.role, proto: base.proto, command: base.command,
      request: base.request, expected: null, bytes: 0, lost: 0, durationMs: 0, throughputBps: 0, reads: 0,
      datagrams: 0, segmentsExpected: 0, segmentsReceived: 0, missing: 0, missingSample: [], outOfOrder: 0,
      duplicated: 0, prepareMs: null, end: 'done', reply: null, error: null, local: base.local, remote: base.remote,
      ...extra,
    };
  }

  /** Runs one exchange: a list of payload chunks, paced, with optional UDP loss. */
  function run(client, command, resolve) {
    const server = [...endpoints.values()].find((s) => s.role === 'server' && s.proto === client.proto && s.port === client.config.port);
    const x = `x${nextExchange++}`;
    const cport = nextPort++;
    const local = addr(client.config.host, cport);
    const remote = addr(client.config.host, client.config.port);
    const udp = client.proto === 'udp';
    const request =
      command.type === 'echo' ? command.text : command.type === 'file' ? String(command.chars) : `stream-${command.intervalMs}-${command.count}-${command.size}`;
    const c = { endpoint: client.id, role: 'client', proto: client.proto, exchange: x, command: command.type, local, remote };
    const s = server && { endpoint: server.id, role: 'server', proto: server.proto, exchange: x, command: command.type, local: remote, remote: local };
    const startT = now();
    if (!udp) emit({ ...c, kind: 'connect', detail: `connected to ${remote}` });
    emit({ ...c, kind: 'tx', bytes: request.length + 1, detail: `request "${request}"` });
    if (!server) {
      if (!udp) {
        emit({ ...c, kind: 'error', detail: `connection refused by ${remote}` });
        resolve({ ok: false, error: { code: 'CONNECTION_REFUSED', message: `Connection refused by ${remote}: is a server running there?` } });
        return;
      }
    } else {
      if (!udp) emit({ ...s, kind: 'accept', detail: `from ${local}` });
      emit({ ...s, kind: 'request', bytes: request.length + 1, detail: request });
    }
    const chunks = [];
    let expected = 0;
    let segments = 0;
    if (command.type === 'echo') {
      chunks.push(command.text.trim().length);
      expected = command.text.trim().length;
    } else if (command.type === 'file') {
      expected = command.chars;
      const size = udp ? server?.config.chunkBytes ?? 1120 : 65536;
      for (let left = command.chars; left > 0; left -= size) chunks.push(Math.min(size, left));
    } else {
      segments = command.count;
      expected = command.count * command.size;
      for (let i = 0; i < command.count; i += 1) chunks.push(command.size);
    }
    const lossRate = udp && chunks.length > 50 ? 0.003 : 0;
    const perTick = command.type === 'stream' ? Math.max(1, Math.round(BATCH_MS / Math.max(command.intervalMs, 0.01))) : MAX_PER_TICK;
    let i = 0;
    let got = 0;
    let packets = 0;
    let lastPayloadT = startT;
    const missing = [];
    let prepareMs = null;
    let cancelled = false;
    client.cancel = () => { cancelled = true; };
    const finish = (end) => {
      clearInterval(timer);
      const durationMs = Math.max(0.001, lastPayloadT - startT);
      const sum = summary({ ...c, request }, {
        expected, bytes: got, lost: Math.max(0, expected - got), durationMs, throughputBps: (got * 1000) / durationMs,
        reads: udp ? 0 : packets, datagrams: udp ? packets : 0, segmentsExpected: segments,
        segmentsReceived: segments ? segments - missing.length : 0, missing: missing.length,
        missingSample: missing.slice(0, 100), prepareMs, end,
        reply: command.type === 'echo' ? command.text.trim().toUpperCase() : null,
      });
      if (end === 'idle-timeout') emit({ ...c, kind: 'timeout', detail: 'no datagram for 2000 ms: end of transmission' });
      if (end === 'fin') emit({ ...c, kind: 'end', detail: 'server closed the connection (FIN)' });
      emit({ ...c, kind: 'summary', bytes: got, detail: `${got} of ${expected} bytes`, summary: sum });
      if (s) emit({ ...s, kind: 'summary', bytes: expected, detail: 'sent', summary: { ...sum, role: 'server', endpoint: server.id, reads: 0 } });
      client.state = 'open';
      resolve({ ok: true, value: sum });
    };
    if (command.type === 'file' && server) {
      emit({ ...s, kind: 'prepared', bytes: 13, detail: 'file_prepared' });
      emit({ ...c, kind: 'prepared', bytes: 13, detail: 'file_prepared' });
      prepareMs = 0.4;
    }
    const timer = setInterval(() => {
      if (cancelled) return finish('cancelled');
      if (!server) return; // UDP to nobody: only the idle timeout ends it
      const stop = Math.min(chunks.length, i + perTick);
      for (; i < stop; i += 1) {
        const seg = segments ? segments - i : null;
        emit({ ...s, kind: 'tx', bytes: chunks[i], segment: seg });
        if (Math.random() < lossRate) {
          if (seg !== null) missing.push(seg);
          continue;
        }
        got += chunks[i];
        packets += 1;
        lastPayloadT = now();
        emit({ ...c, kind: 'rx', bytes: chunks[i], segment: seg });
      }
      if (i >= chunks.length) {
        clearInterval(timer);
        if (udp) setTimeout(() => finish('idle-timeout'), client.config.idleTimeoutMs);
        else finish('fin');
      }
    }, BATCH_MS);
    if (!server && udp) setTimeout(() => finish('idle-timeout'), client.config.idleTimeoutMs);
  }

  window.netlab = {
    onEvents(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    listHosts: () =>
      ok({
        path: '/home/student/.config/NetLab/hosts.txt',
        entries: [
          { host: '127.0.0.1', port: 8120, line: 1 },
          { host: '::1', port: 8120, line: 2 },
          { host: 'localhost', port: 8121, line: 3 },
          { host: '', port: 8122, line: 4 },
        ],
        problems: [],
      }),
    listEndpoints: () => ok([...endpoints.values()].map(info)),
    startServer(a) {
      const cfg = { fileLimit: 123456789, streamLimit: 10001, chunkBytes: 1120, sequenceNumbers: true, ...a };
      if (cfg.port === 8121) return err('ADDR_IN_USE', `Port already in use: another program is listening on ${addr(cfg.host, cfg.port)}.`);
      if (cfg.host === 'nosuchhost') return err('HOST_NOT_FOUND', `Unknown host: ${cfg.host}:${cfg.port} could not be resolved or reached.`);
      const id = `s${nextEndpoint++}`;
      const ep = { id, role: 'server', proto: cfg.proto, state: 'listening', local: addr(cfg.host, cfg.port), remote: null, port: cfg.port, config: cfg };
      endpoints.set(id, ep);
      emit({ endpoint: id, role: 'server', proto: cfg.proto, kind: 'listening', local: ep.local, detail: `listening on ${ep.local}` });
      return ok(info(ep));
    },
    stopServer({ endpointId }) {
      const ep = endpoints.get(endpointId);
      if (!ep) return err('NOT_FOUND', 'no such endpoint');
      endpoints.delete(endpointId);
      emit({ endpoint: ep.id, role: 'server', proto: ep.proto, kind: 'closed', local: ep.local, detail: 'stopped' });
      return ok(null);
    },
    openClient(a) {
      const cfg = { idleTimeoutMs: 2000, prepareTimeoutMs: 100000, ...a };
      const id = `c${nextEndpoint++}`;
      const ep = { id, role: 'client', proto: cfg.proto, state: 'open', local: null, remote: addr(cfg.host, cfg.port), port: null, config: cfg };
      endpoints.set(id, ep);
      return ok(info(ep));
    },
    closeClient({ endpointId }) {
      endpoints.delete(endpointId);
      return ok(null);
    },
    send({ endpointId, command }) {
      const ep = endpoints.get(endpointId);
      if (!ep) return err('NOT_FOUND', 'no such client');
      ep.state = 'busy';
      return new Promise((resolve) => run(ep, command, resolve));
    },
    cancel({ endpointId }) {
      endpoints.get(endpointId)?.cancel?.();
      return ok(null);
    },
    exportCsv: () => err('BAD_ARGUMENT', 'use exportSessionCsv'),
    exportSessionCsv: () => ok({ path: '/home/student/netlab-session-20261125-161530.csv', rows: seq }),
  };
})();
