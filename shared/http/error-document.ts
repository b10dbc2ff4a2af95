import { randomUUID } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import type { ErrorId } from '../errors/catalogue.js';
import type { StsError } from '../errors/sts-error.js';
import type { Language } from '../i18n/languages.js';
import { messageFor } from '../i18n/message-for.js';

/** The error body clients get: exactly these keys, in this order (Power Pages' shape). */
export interface ErrorDocument {
  ErrorId: ErrorId;
  ErrorMessage: string;
  Timestamp: string;
  CorrelationId: string;
}

export function buildErrorDocument(id: ErrorId, language: Language): ErrorDocument {
  return {
    ErrorId: id,
    ErrorMessage: messageFor(id, language),
    Timestamp: new Date().toISOString(),
    CorrelationId: randomUUID(),
  };
}

/** The HTTP response for an error: JSON document, correlation id header, never cached. */
export function errorResponse(
  error: StsError,
  language: Language,
): { response: HttpResponseInit; document: ErrorDocument } {
  const document = buildErrorDocument(error.id, language);
  return {
    document,
    response: {
      status: error.status,
      headers: {
        ...error.headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'x-correlation-id': document.CorrelationId,
      },
      body: JSON.stringify(document),
    },
  };
}
