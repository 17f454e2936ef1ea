import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REASON_KINDS } from '../../../shared/envelope';
import type { HandoffQualityReport } from '../../../shared/metrics';
import { REASON_LABELS } from '../../../shared/labels';
import { reasonChartRows } from './quality-selectors';

const REASON_COLOURS = ['#2f6fde', '#d9534f', '#5cb85c', '#8a8a8a'];
const toMinutes = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 600) / 100);

/** Reason mix over time (stacked) and the wait percentiles, side by side. */
export function QualityCharts({ report }: { report: HandoffQualityReport }) {
  const percentileRows = (['p50', 'p90', 'p99'] as const).map((p) => ({
    percentile: p,
    'Time to accept': toMinutes(report.timeToAccept[p]),
    'Customer wait': toMinutes(report.customerWait[p]),
    'Time to resolution': toMinutes(report.timeToResolution[p]),
  }));
  return (
    <div className="quality__charts">
      <figure className="quality__chart" aria-label="Reason mix over time">
        <figcaption>Why bots handed off</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={reasonChartRows(report)}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bucket" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {REASON_KINDS.map((kind, index) => (
              <Bar key={kind} dataKey={REASON_LABELS[kind]} stackId="reasons" fill={REASON_COLOURS[index]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure className="quality__chart" aria-label="Waits in minutes">
        <figcaption>Waits (minutes)</figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={percentileRows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="percentile" />
            <YAxis />
            <Tooltip />
            <Legend />
            <Bar dataKey="Time to accept" fill="#2f6fde" isAnimationActive={false} />
            <Bar dataKey="Customer wait" fill="#f0ad4e" isAnimationActive={false} />
            <Bar dataKey="Time to resolution" fill="#5cb85c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
