import functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { grantsCleanup } from '../../functions/grants-cleanup.js';
import { CODE_TOMBSTONE_MS } from '../../shared/grants/authorization-codes.js';
import { getServices } from '../../shared/services.js';
import { setUpTokenSite } from '../support/token-site.js';
import { codeGrant, USER } from './grant-stores-fixture.js';

describe('the grants-cleanup timer function', () => {
  it("deletes the deployment's expired codes and refresh families, and keeps live ones", async () => {
    await setUpTokenSite();
    const services = await getServices();
    const long = Date.now() - CODE_TOMBSTONE_MS - 1000;
    await services.codes.issue(codeGrant(), long);
    const live = await services.codes.issue(codeGrant());
    const grant = { siteId: 'contoso', clientId: 'spa', user: USER, scopes: ['openid'], authTime: 1 };
    await services.refreshTokens.issue(grant, 300, long);
    const liveToken = await services.refreshTokens.issue(grant, 300);

    const lines: string[] = [];
    const context = new functions.InvocationContext({
      functionName: 'grants-cleanup',
      logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')),
    });
    await grantsCleanup(
      {
        isPastDue: false,
        schedule: { adjustForDST: false },
        scheduleStatus: { last: '', next: '', lastUpdated: '' },
      },
      context,
    );
    expect(lines).toEqual(['grants cleanup: 1 codes, 1 refresh token families deleted']);
    await expect(services.codes.redeem(live)).resolves.toBeDefined();
    await expect(services.refreshTokens.rotate(liveToken.token, 'spa')).resolves.toBeDefined();
  });
});
