// scripts/linux-sandbox.cjs: Chromium's Linux sandbox abort is recognised in Electron's stderr
// (both wordings) and answered in one line that names the .deb, an AppArmor profile and
// --no-sandbox as the user's own choice; anything else is left alone, and every byte passes on.
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { sandboxAdvice, watchForSandboxAbort } = require('../../scripts/linux-sandbox.cjs') as {
  sandboxAdvice(stderr: string): string | null;
  watchForSandboxAbort(
    stream: NodeJS.ReadableStream,
    out: NodeJS.WritableStream,
  ): { advice(): string | null };
};

const HELPER = '/home/student/netlab/node_modules/electron/dist/chrome-sandbox';
/** Electron 45 on Ubuntu 24.04 from a checkout (setuid_sandbox_host.cc). */
const SUID_ABORT =
  '[18841:1201/224401.123456:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, ' +
  "but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make " +
  `sure that ${HELPER} is owned by root and has mode 4755.\nTrace/breakpoint trap (core dumped)\n`;
/** The newer wording (zygote_host_impl_linux.cc). */
const NO_USABLE =
  '[1:2:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox! If you are running on Ubuntu 23.10+ or ' +
  'another Linux distro that has disabled unprivileged user namespaces with AppArmor, see ' +
  'https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md.\n';

describe('Linux sandbox abort', () => {
  it('recognises the SUID helper abort and says what to do in one line', () => {
    const advice = sandboxAdvice(`Gtk-Message: noise\n${SUID_ABORT}`);
    expect(advice).not.toBeNull();
    expect(advice!.split('\n')).toHaveLength(1);
    expect(advice).toMatch(/\.deb/);
    expect(advice).toMatch(/AppArmor profile/);
    expect(advice).toMatch(/trusted dev checkout, "npm start -- --no-sandbox"/);
    expect(advice).toContain(`${HELPER} root-owned with mode 4755`);
  });

  it('recognises "No usable sandbox!"', () => {
    expect(sandboxAdvice(NO_USABLE)).toMatch(/^NetLab: Electron's Linux sandbox cannot start here/);
  });

  it('leaves other failures alone', () => {
    expect(sandboxAdvice('')).toBeNull();
    expect(
      sandboxAdvice('[1:2:ERROR:gpu_init.cc] Passthrough is not supported\nSegmentation fault\n'),
    ).toBeNull();
    expect(sandboxAdvice('Missing X server or $DISPLAY\n')).toBeNull();
  });

  it('the watcher passes stderr on unchanged and finds the abort split across chunks', async () => {
    const child = new PassThrough();
    const out = new PassThrough();
    let shown = '';
    out.on('data', (d: Buffer) => (shown += d.toString('utf8')));
    const watcher = watchForSandboxAbort(child, out);
    const middle = SUID_ABORT.indexOf('not configured');
    child.write(SUID_ABORT.slice(0, middle));
    child.write(SUID_ABORT.slice(middle));
    child.end();
    await new Promise((r) => setImmediate(r));
    expect(shown).toBe(SUID_ABORT);
    expect(watcher.advice()).toMatch(/AppArmor/);
  });
});
