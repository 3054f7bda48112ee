// Imported first by main.tsx, before any module builds a zod schema: zod probes `new Function`
// while constructing object schemas, and under our CSP (no 'unsafe-eval') the browser reports
// that probe as a violation in every window even though zod catches it. jitless skips the probe.
import { config } from 'zod';

config({ jitless: true });
