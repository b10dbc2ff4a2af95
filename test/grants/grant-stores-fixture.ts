import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { AuthorizationCodeStore, type CodeGrant } from '../../shared/grants/authorization-codes.js';
import { GrantTable } from '../../shared/grants/grant-table.js';
import { RefreshTokenStore } from '../../shared/grants/refresh-tokens.js';
import type { StoredUser } from '../../shared/grants/stored-grant.js';
import { azuriteConnectionString } from '../support/settings-fixture.js';

/** Counts the Table operations a store makes, by kind, through the real client. */
export class OperationCounter {
  readonly counts = new Map<string, number>();

  wrap(client: TableClient): TableClient {
    const counts = this.counts;
    return new Proxy(client, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          counts.set(property, (counts.get(property) ?? 0) + 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  /** The counts without createTable (once per instance, not per request), then cleared. */
  take(): Record<string, number> {
    const result = Object.fromEntries([...this.counts].filter(([name]) => name !== 'createTable'));
    this.counts.clear();
    return result;
  }
}

function tableClient(prefix: string): TableClient {
  return TableClient.fromConnectionString(
    azuriteConnectionString(),
    `${prefix}${randomBytes(6).toString('hex')}`,
    { allowInsecureConnection: true },
  );
}

/** Both stores on fresh tables of the run's Azurite, with their Table operations counted. */
export function freshGrantStores() {
  const counter = new OperationCounter();
  const codesClient = counter.wrap(tableClient('Codes'));
  const refreshClient = counter.wrap(tableClient('Refresh'));
  return {
    counter,
    codesClient,
    refreshClient,
    codes: new AuthorizationCodeStore(new GrantTable(codesClient)),
    refreshTokens: new RefreshTokenStore(new GrantTable(refreshClient)),
  };
}

export const USER: StoredUser = {
  id: 'user-1',
  name: 'alex@example.com',
  identityProvider: 'aad',
  email: 'alex@example.com',
  givenName: 'Alex',
  familyName: 'Wilber',
  phoneNumber: '',
  locale: 'en',
  authTime: 1_700_000_000,
};

export function codeGrant(overrides: Partial<CodeGrant> = {}): CodeGrant {
  return {
    siteId: 'contoso',
    clientId: 'spa',
    redirectUri: 'https://app.example/callback',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    user: USER,
    nonce: 'n-1',
    authTime: 1_700_000_000,
    scopes: ['openid', 'profile', 'offline_access'],
    ...overrides,
  };
}
