// The worker side of one endpoint: builds it from its kind, runs the Lab's commands one message at
// a time, and answers each with a result record (a thrown error loses its code across threads).
import { parentPort, workerData } from 'node:worker_threads';
import type { LabResult } from '../../../src-shared/api.js';
import { LabError, asLabError } from '../errors.js';
import { BatchPoster } from './batch-poster.js';
import type { EndpointFactory, WorkerEndpoint } from './endpoint-kinds.js';
import type { WorkerCommand, WorkerInit, WorkerRequest } from './worker-protocol.js';
import { WorkerSink } from './worker-sink.js';

/** Runs the endpoint this worker was started for; `kinds` maps each kind to its constructor. */
export function serveEndpoint(kinds: Partial<Record<string, EndpointFactory>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveEndpoint runs inside a worker thread');
  const init = workerData as WorkerInit;
  const factory = kinds[init.kind];
  if (!factory) throw new Error(`This worker cannot run endpoints of kind "${init.kind}".`);
  // The poster reads info() lazily, once the endpoint exists.
  let endpoint: WorkerEndpoint | null = null;
  const poster = new BatchPoster(port, () => endpoint!.info());
  const sink = new WorkerSink(init.clock, init.exchangePrefix, (e) => poster.push(e));
  endpoint = factory({
    id: init.endpointId,
    config: init.config,
    sink,
    ...(init.via ? { via: init.via } : {}),
  });
  const ready = endpoint;
  port.on('message', (req: WorkerRequest) => {
    void perform(ready, req.cmd, poster)
      .then(
        (value): LabResult<unknown> => ({ ok: true, value }),
        (err: unknown): LabResult<unknown> => ({ ok: false, error: asLabError(err).toInfo() }),
      )
      .then((result) => poster.reply(req.id, result));
  });
}

async function perform(endpoint: WorkerEndpoint, cmd: WorkerCommand, poster: BatchPoster): Promise<unknown> {
  switch (cmd.op) {
    case 'start':
      return endpoint.start ? endpoint.start() : endpoint.info();
    case 'run':
      if (!endpoint.run) throw new LabError('BAD_ARGUMENT', `${endpoint.info().id} does not send requests.`);
      return endpoint.run(cmd.command);
    case 'cancel':
      endpoint.cancel?.();
      return null;
    case 'flush':
      poster.flush();
      return null;
    case 'close':
      await endpoint.close();
      return null;
    case 'crash':
      if (cmd.how === 'exit') process.exit(3);
      setImmediate(() => {
        if (cmd.how === 'hang') for (;;);
        throw new Error('crash requested');
      });
      return null;
  }
}
