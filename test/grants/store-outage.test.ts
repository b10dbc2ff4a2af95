import { describe, expect, it } from 'vitest';
import { AuthorizationCodeStore } from '../../shared/grants/authorization-codes.js';
import { GrantStoreUnavailableError } from '../../shared/grants/grant-errors.js';
import { GrantTable } from '../../shared/grants/grant-table.js';
import { RefreshTokenStore } from '../../shared/grants/refresh-tokens.js';
import { createSettingsTableClient } from '../../shared/settings/table-client.js';
import { codeGrant, USER } from './grant-stores-fixture.js';

/** Azurite's public development key (documented by Microsoft; not a secret). */
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A Table endpoint nothing listens on: every call is refused. */
async function deadTable(tableName: string) {
  const client = await createSettingsTableClient({
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:9/devstoreaccount1;`,
    tableUrl: undefined,
    tableName,
    ttlSeconds: 30,
  });
  return new GrantTable(client);
}

describe('grant stores with Table storage down', () => {
  it('fail within seconds with GrantStoreUnavailableError', async () => {
    const codes = new AuthorizationCodeStore(await deadTable('DeadCodes'));
    const refresh = new RefreshTokenStore(await deadTable('DeadRefresh'));
    const started = performance.now();
    await expect(codes.issue(codeGrant())).rejects.toBeInstanceOf(GrantStoreUnavailableError);
    await expect(codes.redeem('A'.repeat(43))).rejects.toBeInstanceOf(GrantStoreUnavailableError);
    await expect(
      refresh.issue({ siteId: 's', clientId: 'c', user: USER, scopes: [], authTime: 1 }, 300),
    ).rejects.toBeInstanceOf(GrantStoreUnavailableError);
    await expect(
      refresh.rotate(`${'A'.repeat(43)}.${'B'.repeat(22)}.${'C'.repeat(43)}`, 'c'),
    ).rejects.toBeInstanceOf(GrantStoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
