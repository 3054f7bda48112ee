// Every scenario, in the order the table prints them (the browser one last: it needs the rest).
import type { Scenario } from '../lib/context.js';
import { cliStartup } from './cli-startup.js';
import { csvExport } from './csv-export.js';
import { eventPipeline } from './event-pipeline.js';
import { linkTcp } from './link-tcp.js';
import { linkUdp } from './link-udp.js';
import { renderer } from './renderer.js';
import { serverMemory } from './server-memory.js';
import { streamPacing } from './stream-pacing.js';
import { tcpConcurrent } from './tcp-concurrent.js';
import { tcpFile } from './tcp-file.js';
import { udpFile10m } from './udp-file-10m.js';
import { udpFileBig } from './udp-file-big.js';
import { udpInApp } from './udp-in-app.js';

export const SCENARIOS: readonly Scenario[] = [
  tcpFile,
  serverMemory,
  udpFile10m,
  udpFileBig,
  udpInApp,
  streamPacing,
  tcpConcurrent,
  linkUdp,
  linkTcp,
  eventPipeline,
  csvExport,
  cliStartup,
  renderer,
];
