import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPA } from '../authorize/support.js';
import { startSecondInstance } from './second-instance.js';
import {
  codeHostForFile,
  expectOAuthError,
  freshCode,
  issuerOf,
  postToken,
  redeemFields,
} from './support.js';

/**
 * Two instances of the service (two dev hosts, two processes) on one Azurite: a code issued by
 * one is redeemed at the other, concurrent redemptions across both still let exactly one through,
 * and a refresh family rotated at one is revoked by a reuse at the other.
 */

const { dev, browser } = codeHostForFile();
let second: { url: string; close(): Promise<void> } | undefined;

beforeAll(async () => {
  second = await startSecondInstance();
}, 60_000);
afterAll(async () => {
  await second?.close();
});

const secondUrl = () => second?.url ?? '';

describe('two instances on one Table storage', () => {
  it('a code issued by one is redeemed at the other, with the shared issuer', async () => {
    const { code, verifier } = await freshCode(browser());
    const response = await postToken(secondUrl(), redeemFields(code, verifier));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id_token: string; refresh_token: string };
    expect(decodeJwt(body.id_token)).toMatchObject({ iss: issuerOf(dev().url), aud: SPA });

    // Rotated at the first instance, then the old token reused at the second: the family is gone.
    const rotated = await postToken(dev().url, {
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token,
      client_id: SPA,
    });
    expect(rotated.status).toBe(200);
    const { refresh_token: next } = (await rotated.json()) as { refresh_token: string };
    await expectOAuthError(
      await postToken(secondUrl(), {
        grant_type: 'refresh_token',
        refresh_token: body.refresh_token,
        client_id: SPA,
      }),
      'invalid_grant',
    );
    await expectOAuthError(
      await postToken(dev().url, { grant_type: 'refresh_token', refresh_token: next, client_id: SPA }),
      'invalid_grant',
    );
  });

  it('of four concurrent redemptions across both instances, exactly one gets tokens', async () => {
    const { code, verifier } = await freshCode(browser());
    const responses = await Promise.all(
      [dev().url, secondUrl(), dev().url, secondUrl()].map((url) =>
        postToken(url, redeemFields(code, verifier)),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
  });
});
