import type { LinkConfig } from '../../../src-shared/link/conditions.js';
import type { EventSink } from '../event-sink.js';

/** Shaped like ServerOptions: a link needs only its config and an EventSink, never the Lab. */
export interface LinkOptions {
  id: string;
  config: LinkConfig;
  sink: EventSink;
}
