import functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { ErrorId } from '../../shared/errors/catalogue.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { MAX_BODY_BYTES, readRequestParams } from '../../shared/http/request-params.js';

const NAMES = ['client_id', 'state'] as const;

function request(url: string, init: { method?: string; body?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.contentType) headers['content-type'] = init.contentType;
  return new functions.HttpRequest({
    method: init.method ?? 'GET',
    url: `https://sts.example${url}`,
    headers,
    ...(init.body === undefined ? {} : { body: { string: init.body } }),
  });
}

async function errorOf(promise: Promise<unknown>): Promise<ErrorId | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof StsError) return error.id;
    throw error;
  }
}

describe('readRequestParams', () => {
  it('reads the query string and ignores unknown parameters', async () => {
    const params = await readRequestParams(request('/t?client_id=a&state=s&other=1'), NAMES);
    expect([...params]).toEqual([
      ['client_id', 'a'],
      ['state', 's'],
    ]);
  });

  it('reads a form body on POST, beside the query', async () => {
    const params = await readRequestParams(
      request('/t?state=s', {
        method: 'POST',
        body: 'client_id=a',
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      }),
      NAMES,
    );
    expect(params.get('client_id')).toBe('a');
    expect(params.get('state')).toBe('s');
  });

  it('treats an empty value as absent', async () => {
    expect((await readRequestParams(request('/t?state='), NAMES)).has('state')).toBe(false);
  });

  it('accepts a POST with no body and any content type (Power Pages posts empty bodies)', async () => {
    expect(
      await errorOf(
        readRequestParams(
          request('/t', { method: 'POST', body: '', contentType: 'application/json' }),
          NAMES,
        ),
      ),
    ).toBe('none');
  });

  it.each<[string, () => Promise<unknown>, ErrorId]>([
    [
      'a repeated query parameter',
      () => readRequestParams(request('/t?state=a&state=b'), NAMES),
      'PortalSTS0005',
    ],
    [
      'a parameter in both query and body',
      () =>
        readRequestParams(
          request('/t?state=a', {
            method: 'POST',
            body: 'state=b',
            contentType: 'application/x-www-form-urlencoded',
          }),
          NAMES,
        ),
      'PortalSTS0005',
    ],
    [
      'a JSON body',
      () =>
        readRequestParams(
          request('/t', { method: 'POST', body: '{"state":"a"}', contentType: 'application/json' }),
          NAMES,
        ),
      'PortalSTS0006',
    ],
    [
      'a body over the limit',
      () =>
        readRequestParams(
          request('/t', {
            method: 'POST',
            body: `state=${'a'.repeat(MAX_BODY_BYTES)}`,
            contentType: 'application/x-www-form-urlencoded',
          }),
          NAMES,
        ),
      'PortalSTS0016',
    ],
    [
      'too many parameters',
      () =>
        readRequestParams(request(`/t?${Array.from({ length: 65 }, (_, i) => `p${i}=1`).join('&')}`), NAMES),
      'PortalSTS0017',
    ],
  ])('rejects %s', async (_name, run, expected) => {
    expect(await errorOf(run())).toBe(expected);
  });
});
