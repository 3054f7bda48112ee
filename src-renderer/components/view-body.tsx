// Both views' body: their own cards (the form side) and the live side every view shares, the
// newest exchange's timeline and the event log. Two columns on a wide window (see .columns in
// app.css), one stack in a half-screen pane, in this order.
import type { ReactNode } from 'react';
import { EventLog } from './event-log.js';
import { TimelineChart } from './timeline-chart.js';

export function ViewBody({ children }: { children: ReactNode }) {
  return (
    <div className="columns">
      <div className="column">{children}</div>
      <div className="column">
        <TimelineChart />
        <EventLog />
      </div>
    </div>
  );
}
