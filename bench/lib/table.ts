import type { Figure, FigureReport } from './figure';
import type { Machine } from './machine';

const HEADERS = ['figure', 'value', 'unit', 'baseline', 'ratio', 'goal', 'met'];

const number = (value: number | null): string => (value === null ? '—' : value.toLocaleString('en-GB', { maximumSignificantDigits: 4 }));

/** The goal reads as it is judged: on the ratio when there is a baseline, on the value otherwise. */
export const goalText = (figure: Figure): string =>
  `${figure.baseline === null ? 'value' : 'ratio'} ${figure.goal.op.replace('<=', '≤').replace('>=', '≥')} ${figure.goal.value}`;

export const metText = (met: boolean | null): string => (met === null ? 'not measured yet' : met ? 'yes' : 'NO');

export const cells = (figure: Figure): string[] => [
  figure.name,
  number(figure.value),
  figure.unit,
  number(figure.baseline),
  figure.ratio === null ? '—' : `${number(figure.ratio)}×`,
  goalText(figure),
  metText(figure.met),
];

export const machineLine = (machine: Machine): string =>
  `${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, ${machine.date}`;

/** A fixed-width table for the terminal, then each figure's details. */
export function textTable(reports: FigureReport[], machine: Machine): string {
  const rows = [HEADERS, ...reports.map((report) => cells(report.figure))];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [machineLine(machine), '', line(HEADERS), rule, ...rows.slice(1).map(line), '', ...detailLines(reports)].join('\n');
}

const escapeCell = (text: string): string => text.replaceAll('|', '\\|');

/** The same table in Markdown, for the README. */
export function markdownTable(reports: FigureReport[], machine: Machine): string {
  const rows = reports.map((report) => `| ${cells(report.figure).map(escapeCell).join(' | ')} |`);
  return [
    `Measured on ${machineLine(machine)}.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((header, column) => (column === 0 || header === 'unit' || header === 'goal' || header === 'met' ? '---' : '---:')).join('|')}|`,
    ...rows,
    '',
    ...detailLines(reports).map((line) => (line.startsWith('  ') ? `  - ${line.trim()}` : `- ${line}`)),
    '',
  ].join('\n');
}

function detailLines(reports: FigureReport[]): string[] {
  return reports.flatMap((report) => (report.details.length === 0 ? [] : [`${report.figure.name}:`, ...report.details.map((detail) => `  ${detail}`)]));
}
