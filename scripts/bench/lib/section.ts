import type { HttpHandler } from '@azure/functions';
import type { SettingsTable } from '../../../shared/settings/settings-table.js';
import type { BenchAzurite } from '../fixtures/azurite.js';
import type { BenchCertificate, CertificateFolder } from '../fixtures/certificates.js';

/** What every section is given: the run's budget and log, the handlers, and the local backends. */
export interface Bench {
  /** `--quick`: fewer, shorter rounds; counts stay odd, so each median is a measured figure. */
  quick: boolean;
  rounds: number;
  /** How long each side of an in-process comparison runs per round. */
  sideMs: number;
  log: (line: string) => void;
  tokenHandler: HttpHandler;
  siteTokenHandler: HttpHandler;
  certificates: CertificateFolder;
  rsa2048: BenchCertificate;
  azurite: BenchAzurite;
  /** The settings table, written directly (not through the counting proxy). */
  settings: SettingsTable;
  /** The app settings of an instance on Azurite and the local certificate folder. */
  env: Record<string, string>;
  /** The entry files of each build, checked to be newer than the sources. */
  builds: { unbundled: string[]; bundled: string[] };
  /** Two signing processes' rate over one's (Machine). */
  scale: number;
  /** One synchronous RSA 2048 signature's time, from the event-loop section. */
  signatureMs: number;
}

/** A row of the report's Targets table: what, target, measured, met. */
export type Target = [string, string, string, boolean];

/** What each section gives the report: its Markdown and the targets it checked. */
export interface SectionReport {
  markdown: string;
  targets?: Target[];
}
