// What a student does in the server and client views, in terms of the accessible names issue 3
// fixes — so these helpers break only when the UI stops being usable that way.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type Proto = 'tcp' | 'udp';

/** An exchange ends by FIN (TCP) or after the 2 s UDP idle timeout; allow for a slow CI box. */
export const EXCHANGE_TIMEOUT_MS = 20_000;

export interface BoundAddress {
  host: string;
  port: number;
}

/** Sets Protocol, Host and Port as a student would type them. */
export async function fillAddress(page: Page, proto: Proto, host: string, port: string | number): Promise<void> {
  await page.getByLabel('Protocol', { exact: true }).selectOption(proto);
  await page.getByLabel('Host', { exact: true }).fill(host);
  await page.getByLabel('Port', { exact: true }).fill(String(port));
}

/** Starts the view's server on 127.0.0.1 and reads back the address it shows it bound to. */
export async function startServer(page: Page, proto: Proto, port: string | number = 0): Promise<BoundAddress> {
  await fillAddress(page, proto, '127.0.0.1', port);
  await page.getByRole('button', { name: 'Start server' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Listening on' });
  await expect(status).toContainText(proto.toUpperCase());
  const text = (await status.textContent()) ?? '';
  const m = /Listening on\s*(\S+):(\d+)/.exec(text);
  if (!m) throw new Error(`no bound address in "${text}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

export async function stopServer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Stop server' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Listening on' })).toHaveCount(0);
}

export function summaryRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Summary' });
}

/** One line of the summary's fact list (`<dt>label</dt><dd>value</dd>`). */
export function summaryFact(page: Page, label: string): Locator {
  return summaryRegion(page).locator(`dt:text-is("${label}") + dd`);
}

export function eventsTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Events' });
}

/** Rows of the event log whose kind cell says `kind` (only the rows the virtual list shows). */
export function eventRows(page: Page, kind: string): Locator {
  return eventsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell').getByText(kind, { exact: true }) });
}

export type ClientCommand =
  | { type: 'echo'; text: string }
  | { type: 'file'; chars: string }
  | { type: 'stream'; intervalMs: string; count: string; size: string };

/** Picks the command's tab and fills its fields; does not send. */
export async function fillCommand(page: Page, command: ClientCommand): Promise<void> {
  if (command.type === 'echo') {
    await page.getByRole('tab', { name: 'Echo' }).click();
    await page.getByLabel('Message', { exact: true }).fill(command.text);
  } else if (command.type === 'file') {
    await page.getByRole('tab', { name: 'File' }).click();
    await page.getByLabel('Characters', { exact: true }).fill(command.chars);
  } else {
    await page.getByRole('tab', { name: 'Stream' }).click();
    await page.getByLabel('Interval (ms)', { exact: true }).fill(command.intervalMs);
    await page.getByLabel('Count', { exact: true }).fill(command.count);
    await page.getByLabel('Size (bytes)', { exact: true }).fill(command.size);
  }
}

const COMMAND_TITLES: Record<ClientCommand['type'], string> = { echo: 'Echo', file: 'File', stream: 'Stream' };

/** Sends the command and waits until the Summary describes this exchange. */
export async function sendAndWait(page: Page, proto: Proto, command: ClientCommand): Promise<void> {
  await fillCommand(page, command);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(summaryRegion(page)).toContainText(`${COMMAND_TITLES[command.type]} over ${proto.toUpperCase()}`, {
    timeout: EXCHANGE_TIMEOUT_MS,
  });
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

/** `1,000,000`, as the views print integers. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
