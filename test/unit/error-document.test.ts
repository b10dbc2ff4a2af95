import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_IDS } from '../../shared/errors/catalogue.js';
import { StsError } from '../../shared/errors/sts-error.js';
import { describeCause, redact } from '../../shared/http/describe-cause.js';
import { errorResponse } from '../../shared/http/error-document.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('error documents', () => {
  it('has exactly ErrorId, ErrorMessage, Timestamp, CorrelationId, in that order', () => {
    const { response, document } = errorResponse(new StsError('PortalSTS0001'), 'en');
    const body = JSON.parse(String(response.body));
    expect(Object.keys(body)).toEqual(['ErrorId', 'ErrorMessage', 'Timestamp', 'CorrelationId']);
    expect(body.ErrorId).toBe('PortalSTS0001');
    expect(body.ErrorMessage).toBe(
      'Client Id provided in the request is not a valid client Id registered for this portal. Please check the parameter and try again.',
    );
    expect(new Date(body.Timestamp).toISOString()).toBe(body.Timestamp);
    expect(body.Timestamp.endsWith('Z')).toBe(true);
    expect(body.CorrelationId).toMatch(UUID);
    expect(response.status).toBe(400);
    expect((response.headers as Record<string, string>)['x-correlation-id']).toBe(document.CorrelationId);
  });

  it('gives each response a new correlation id', () => {
    const a = errorResponse(new StsError('PortalSTS0009'), 'en').document.CorrelationId;
    const b = errorResponse(new StsError('PortalSTS0009'), 'en').document.CorrelationId;
    expect(a).not.toBe(b);
  });

  it('localises the message and never sends the internal detail', () => {
    const { response } = errorResponse(
      new StsError('PortalSTS0010', { detail: 'table 10.0.0.5 refused' }),
      'de',
    );
    const body = JSON.parse(String(response.body));
    expect(body.ErrorMessage).not.toBe(
      errorResponse(new StsError('PortalSTS0010'), 'en').document.ErrorMessage,
    );
    expect(String(response.body)).not.toContain('10.0.0.5');
  });

  it('maps every id to its documented status', () => {
    for (const id of ERROR_IDS) expect(new StsError(id).status).toBe(ERROR_CATALOGUE[id].status);
    expect(new StsError('PortalSTS0008').status).toBe(403);
    expect(new StsError('PortalSTS0009').status).toBe(404);
  });
});

describe('log descriptions of causes', () => {
  it('redacts tokens, bearer credentials, signatures and keys', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const text = redact(`token ${jwt} Authorization: Bearer abc.def sig=XYZ AccountKey=KEY==; pwd=hunter2`);
    for (const secret of [jwt, 'abc.def', 'XYZ', 'KEY==', 'hunter2']) expect(text).not.toContain(secret);
  });

  it('names the error and its code but never includes the stack', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), { code: 'ECONNREFUSED' });
    const line = describeCause(error);
    expect(line).toBe('Error(ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:10002');
    expect(line).not.toContain('at ');
  });
});
