// What a student does in the server and client views, in terms of the accessible names issue 3
// fixes — so these helpers break only when the UI stops being usable that way.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type Proto = 'tcp' | 'udp';
/** A whole view (`#/server`, `#/client`) or one pane of `#/`. */
export type View = Page | Locator;

function pageOf(view: View): Page {
  return 'page' in view && typeof view.page === 'function' ? view.page() : (view as Page);
}

/** An exchange ends by FIN (TCP) or after the 2 s UDP idle timeout; allow for a slow CI box. */
export const EXCHANGE_TIMEOUT_MS = 20_000;

export interface BoundAddress {
  host: string;
  port: number;
}

/** Sets Protocol, Host and Port as a student would type them. */
export async function fillAddress(view: View, proto: Proto, host: string, port: string | number): Promise<void> {
  await view.getByLabel('Protocol', { exact: true }).selectOption(proto);
  await view.getByLabel('Host', { exact: true }).fill(host);
  await view.getByLabel('Port', { exact: true }).fill(String(port));
}

/** Starts the view's server on 127.0.0.1 and reads back the address it shows it bound to. */
export async function startServer(view: View, proto: Proto, port: string | number = 0): Promise<BoundAddress> {
  await fillAddress(view, proto, '127.0.0.1', port);
  await view.getByRole('button', { name: 'Start server' }).click();
  const status = view.getByRole('status').filter({ hasText: 'Listening on' });
  await expect(status).toContainText(proto.toUpperCase());
  const text = (await status.textContent()) ?? '';
  const m = /Listening on\s*(\S+):(\d+)/.exec(text);
  if (!m) throw new Error(`no bound address in "${text}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

export async function stopServer(view: View): Promise<void> {
  await view.getByRole('button', { name: 'Stop server' }).click();
  await expect(view.getByRole('status').filter({ hasText: 'Listening on' })).toHaveCount(0);
}

export function summaryRegion(view: View): Locator {
  return view.getByRole('region', { name: 'Summary' });
}

/** One line of the summary's fact list (`<dt>label</dt><dd>value</dd>`). */
export function summaryFact(view: View, label: string): Locator {
  return summaryRegion(view).locator(`dt:text-is("${label}") + dd`);
}

export function eventsTable(view: View): Locator {
  return view.getByRole('table', { name: 'Events' });
}

/** Rows of the event log whose kind cell says `kind` (only the rows the virtual list shows). */
export function eventRows(view: View, kind: string): Locator {
  return eventsTable(view)
    .getByRole('row')
    .filter({ has: pageOf(view).getByRole('cell').getByText(kind, { exact: true }) });
}

/**
 * The newest event rows of the log: when the log has stopped following (the student scrolled, or
 * see event-log.spec.ts), "Jump to newest" brings them back, as a student would click it.
 */
export async function newestEventRows(view: View, kind: string): Promise<Locator> {
  const jump = view.getByRole('button', { name: 'Jump to newest' });
  if (await jump.isVisible()) await jump.click();
  return eventRows(view, kind);
}

export type ClientCommand =
  | { type: 'echo'; text: string }
  | { type: 'file'; chars: string }
  | { type: 'stream'; intervalMs: string; count: string; size: string };

/** Picks the command's tab and fills its fields; does not send. */
export async function fillCommand(view: View, command: ClientCommand): Promise<void> {
  if (command.type === 'echo') {
    await view.getByRole('tab', { name: 'Echo' }).click();
    await view.getByLabel('Message', { exact: true }).fill(command.text);
  } else if (command.type === 'file') {
    await view.getByRole('tab', { name: 'File' }).click();
    await view.getByLabel('Characters', { exact: true }).fill(command.chars);
  } else {
    await view.getByRole('tab', { name: 'Stream' }).click();
    await view.getByLabel('Interval (ms)', { exact: true }).fill(command.intervalMs);
    await view.getByLabel('Count', { exact: true }).fill(command.count);
    await view.getByLabel('Size (bytes)', { exact: true }).fill(command.size);
  }
}

const COMMAND_TITLES: Record<ClientCommand['type'], string> = { echo: 'Echo', file: 'File', stream: 'Stream' };

/**
 * Sends the command and waits until the Summary describes this exchange. Send clears the previous
 * summary, but to be sure the one seen is new, send a different command type than the last one.
 */
export async function sendAndWait(view: View, proto: Proto, command: ClientCommand): Promise<void> {
  await fillCommand(view, command);
  await view.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(summaryRegion(view)).toContainText(`${COMMAND_TITLES[command.type]} over ${proto.toUpperCase()}`, {
    timeout: EXCHANGE_TIMEOUT_MS,
  });
  await expect(view.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

/** `1,000,000`, as the views print integers. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
