// SendBudget (a token bucket kept as one "paid up to" time) and UdpAdmission, on an injected clock.
import { describe, expect, it } from 'vitest';
import { ServerConfigSchema } from '../../src-shared/api.js';
import { SendBudget } from '../../src-main/engine/server/send-budget.js';
import { UdpAdmission } from '../../src-main/engine/server/udp-admission.js';
import { udpBusyReply } from '../../src-shared/protocol/server-replies.js';

describe('SendBudget', () => {
  it('lets one burst go at once, then asks to wait bytes / rate', () => {
    let now = 1000;
    const b = new SendBudget(1_000_000, 'test', 50, () => now); // 1 MB/s: 1,000 bytes per ms
    b.charge(50_000); // exactly the 50 ms burst
    expect(b.delayMs()).toBe(0);
    b.charge(10_000);
    expect(b.delayMs()).toBeCloseTo(10);
    now += 10;
    expect(b.delayMs()).toBeCloseTo(0);
  });

  it('never banks a long quiet time beyond one burst', () => {
    let now = 0;
    const b = new SendBudget(1_000_000, 'test', 50, () => now);
    now = 1_000_000;
    b.charge(60_000);
    expect(b.delayMs()).toBeCloseTo(10);
    expect(b.idle).toBe(false);
    now += 100;
    expect(b.idle).toBe(true);
  });

  it('0 is no budget', () => {
    const b = new SendBudget(0);
    b.charge(1e12);
    expect(b.delayMs()).toBe(0);
  });
});

describe('UdpAdmission', () => {
  const config = ServerConfigSchema.parse({ proto: 'udp', host: '127.0.0.1', port: 0, udpMaxTransfersPerSource: 2, udpMaxTransfers: 3 });

  it('caps transfers per source and in all, and gives the slots back', () => {
    const a = new UdpAdmission(config);
    const t1 = a.begin('10.0.0.1');
    const t2 = a.begin('10.0.0.1');
    expect(t1.ok && t2.ok).toBe(true);
    expect(a.begin('10.0.0.1')).toEqual({ ok: false, line: udpBusyReply(2, true) });
    expect(a.begin('10.0.0.2').ok).toBe(true);
    expect(a.begin('10.0.0.3')).toEqual({ ok: false, line: udpBusyReply(3, false) });
    if (t1.ok) {
      t1.end();
      t1.end(); // twice is once
    }
    expect(a.begin('10.0.0.3').ok).toBe(true);
    expect(a.begin('10.0.0.4').ok).toBe(false);
  });

  it('a reply no longer than its request always goes; a longer one only while the budgets have room', () => {
    const a = new UdpAdmission(ServerConfigSchema.parse({ proto: 'udp', host: '127.0.0.1', port: 0, udpSourceRateBytesPerSec: 1000 }));
    expect(a.mayReply('10.0.0.1', 63, 1)).toBe(true);
    expect(a.mayReply('10.0.0.1', 63, 1)).toBe(false);
    expect(a.mayReply('10.0.0.1', 5, 5)).toBe(true);
    expect(a.mayReply('10.0.0.2', 63, 1)).toBe(true); // another address has its own budget
  });
});
