import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningAzurite, startAzurite } from '../../../dev/azurite.js';
import { SettingsTable } from '../../../shared/settings/settings-table.js';
import { createSettingsTableClient } from '../../../shared/settings/table-client.js';
import { startTcpGate, type TcpGate } from './tcp-gate.js';

/** Azurite's public development key (documented by Microsoft; not a secret). */
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * An Azurite of the test file's own that can be stopped and started mid-test: its data lives in a
 * temporary folder (stop() sends SIGINT, on which Azurite saves), and clients reach it through a
 * TCP gate with a fixed port, since each start picks a new port.
 */
export class OutageAzurite {
  readonly gate: TcpGate;
  readonly #dataDir: string;
  #azurite: RunningAzurite | undefined;

  private constructor(gate: TcpGate, dataDir: string, azurite: RunningAzurite) {
    this.gate = gate;
    this.#dataDir = dataDir;
    this.#azurite = azurite;
  }

  static async start(): Promise<OutageAzurite> {
    const dataDir = await mkdtemp(join(tmpdir(), 'portal-sts-outage-azurite-'));
    const azurite = await startAzurite({ dataDir });
    return new OutageAzurite(await startTcpGate(azurite.port), dataDir, azurite);
  }

  /** Through the gate: this string stays valid across stop() and start(). */
  get connectionString(): string {
    return (
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};` +
      `TableEndpoint=http://127.0.0.1:${this.gate.port}/devstoreaccount1;`
    );
  }

  get running(): boolean {
    return this.#azurite !== undefined;
  }

  async stop(): Promise<void> {
    const azurite = this.#azurite;
    this.#azurite = undefined;
    await azurite?.stop();
  }

  async start(): Promise<void> {
    if (this.#azurite) return;
    this.#azurite = await startAzurite({ dataDir: this.#dataDir });
    this.gate.setTarget(this.#azurite.port);
  }

  /** A settings table in this Azurite, through the gate. */
  async table(tableName: string): Promise<SettingsTable> {
    const client = await createSettingsTableClient({
      connectionString: this.connectionString,
      tableUrl: undefined,
      tableName,
      ttlSeconds: 30,
    });
    return new SettingsTable(client);
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.gate.close();
    await rm(this.#dataDir, { recursive: true, force: true });
  }
}
