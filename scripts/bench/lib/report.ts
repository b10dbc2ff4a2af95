import type { HttpHandler } from '@azure/functions';
import type { SettingsTable } from '../../../shared/settings/settings-table.js';
import type { BenchAzurite } from '../fixtures/azurite.js';
import type { BenchCertificate, CertificateFolder } from '../fixtures/certificates.js';

/** Figures as the report shows them: whole numbers with thousands separators, ratios to 2 places. */
export const int = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
export const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
/** Raw per-round figures, in round order. */
export const list = (values: readonly number[], format: (value: number) => string = int) =>
  values.map(format).join(', ');
export const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

/** A Markdown table: the header's cells separated by '|', rows already formatted (cells or lines). */
export function table(header: string, rows: ReadonlyArray<string | readonly string[]>): string {
  const cells = header.split('|');
  const line = (row: string | readonly string[]) =>
    typeof row === 'string' ? row : `| ${row.join(' | ')} |`;
  return [line(cells), line(cells.map(() => '---')), ...rows.map(line)].join('\n');
}

/** What every section is given: the run's budget and log, the handlers, and the local backends. */
export interface Bench {
  /** `--quick`: fewer, shorter rounds (`rounds`; `sideMs` per side of an in-process comparison). */
  quick: boolean;
  rounds: number;
  sideMs: number;
  log: (line: string) => void;
  tokenHandler: HttpHandler;
  siteTokenHandler: HttpHandler;
  certificates: CertificateFolder;
  rsa2048: BenchCertificate;
  azurite: BenchAzurite;
  /** The settings table, written directly (not counted), and an instance's app settings (local backends). */
  settings: SettingsTable;
  env: Record<string, string>;
  builds: { unbundled: string[]; bundled: string[] };
  /** Two signing processes' rate over one's (Machine); one synchronous signature's ms (event loop). */
  scale: number;
  signatureMs: number;
}

/** A row of the report's Targets table: what, target, measured, met. */
export type Target = [string, string, string, boolean];

/** What each section gives the report: its Markdown and the targets it checked. */
export type SectionReport = { markdown: string; targets?: Target[] };
