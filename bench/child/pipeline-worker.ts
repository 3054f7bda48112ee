// The pipeline benchmark's worker: the real worker runtime (sink, batch poster, replies) around a
// synthetic client whose one exchange emits `count` packet-shaped events as fast as it can.
import type { ClientConfig, Command, EndpointInfo } from '../../src-shared/api.js';
import type { ExchangeSummary } from '../../src-shared/events.js';
import type { EndpointArgs, WorkerEndpoint } from '../../src-main/engine/worker/endpoint-kinds.js';
import { serveEndpoint } from '../../src-main/engine/worker/worker-runtime.js';
import { syntheticEvent } from './synthetic-events.js';

const YIELD_EVERY_EVENTS = 10_000;

class SyntheticClient implements WorkerEndpoint {
  constructor(private readonly args: EndpointArgs) {}

  info(): EndpointInfo {
    const config = this.args.config as ClientConfig;
    return {
      id: this.args.id,
      role: 'client',
      proto: 'udp',
      state: 'open',
      local: null,
      remote: null,
      port: config.port,
      config,
    };
  }

  async run(command: Command): Promise<ExchangeSummary> {
    const count = command.type === 'stream' ? command.count : 0;
    for (let i = 0; i < count; i++) {
      this.args.sink.emit(syntheticEvent(i));
      // Let the poster's timer run now and then, as it would between packets.
      if (i % YIELD_EVERY_EVENTS === YIELD_EVERY_EVENTS - 1) await new Promise((r) => setImmediate(r));
    }
    return { end: 'done', error: null } as unknown as ExchangeSummary;
  }

  async close(): Promise<void> {}
}

serveEndpoint({ 'client:udp': (args) => new SyntheticClient(args) });
