// What a student does with the history and Compare, in accessible names (see lab-pages.ts).
import type { Locator } from '@playwright/test';
import { expect } from '@playwright/test';
import type { View } from './lab-pages.js';
import { fillAddress } from './lab-pages.js';

/** Starts TCP and UDP together on 127.0.0.1 with port 0: the second reuses the first one's port. */
export async function startBothServers(view: View): Promise<number> {
  await fillAddress(view, 'tcp', '127.0.0.1', 0);
  await view.getByLabel('TCP + UDP').check();
  await view.getByRole('button', { name: 'Start server' }).click();
  const status = view.getByRole('status').filter({ hasText: 'Listening on' });
  await expect(status).toContainText('TCP + UDP');
  const m = /Listening on\s*\S+:(\d+)/.exec((await status.textContent()) ?? '');
  if (!m) throw new Error('no bound port');
  return Number(m[1]);
}

/** The history's rows, newest first. */
export function historyRows(view: View): Locator {
  return view.getByRole('table', { name: 'Exchanges' }).locator('tbody tr');
}
