// A Lab with a server, and clients through a network-conditions link, for the link's engine tests.
import type { ClientConfigInput, EndpointInfo, LabResult } from '../../../src-shared/api.js';
import type { ExchangeSummary, LabEvent } from '../../../src-shared/events.js';
import type { LinkConditionsInput } from '../../../src-shared/link/conditions.js';
import type { Proto } from '../../../src-shared/protocol/limits.js';
import { Lab } from '../../../src-main/engine/lab.js';
import { waitUntil } from '../lab-fixtures.js';

export function ok<T>(r: LabResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export class LinkLab {
  readonly events: LabEvent[] = [];
  private constructor(readonly lab: Lab) {
    lab.onEvents((batch) => this.events.push(...batch));
  }

  static async create(): Promise<LinkLab> {
    return new LinkLab(await Lab.create({ batchIntervalMs: 5 }));
  }

  async server(proto: Proto, host = '127.0.0.1'): Promise<EndpointInfo> {
    return ok(await this.lab.startServer({ proto, host, port: 0 }));
  }

  async client(
    server: EndpointInfo,
    conditions: LinkConditionsInput | null,
    extra: Partial<ClientConfigInput> = {},
  ): Promise<EndpointInfo> {
    const host = server.local!.startsWith('[') ? '::1' : '127.0.0.1';
    return ok(
      await this.lab.openClient({ proto: server.proto, host, port: server.port!, conditions, ...extra }),
    );
  }

  /** The link's summary of the exchange whose client-side address is `clientLocal`, once it is out. */
  async linkSummary(linkId: string, clientLocal: string, limitMs = 15_000): Promise<ExchangeSummary> {
    let found: ExchangeSummary | undefined;
    await waitUntil(
      () => {
        this.lab.flushEvents();
        found = this.events.find(
          (e) => e.endpoint === linkId && e.kind === 'summary' && e.remote === clientLocal,
        )?.summary;
        return found !== undefined;
      },
      limitMs,
      `link summary for ${clientLocal}`,
    );
    return found!;
  }

  linkEvents(linkId: string, kind: LabEvent['kind'], clientLocal: string): LabEvent[] {
    this.lab.flushEvents();
    return this.events.filter((e) => e.endpoint === linkId && e.kind === kind && e.remote === clientLocal);
  }

  close(): Promise<void> {
    return this.lab.close();
  }
}
