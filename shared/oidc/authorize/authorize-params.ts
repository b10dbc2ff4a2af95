import type { HttpRequest } from '@azure/functions';
import { StsError } from '../../errors/sts-error.js';
import { MAX_PARAMETERS, readFormBody } from '../../http/request-params.js';

/**
 * The parameters of an authorize request, from the query string and, for POST (OIDC Core 3.1.2.1),
 * a form body. Unlike readRequestParams, a repeated parameter is not an error here yet: whether it
 * is shown as a page or sent back to the client depends on which parameter it is and on whether
 * the redirect_uri is verified by then, so the steps ask. Empty values count as absent (RFC 6749 3.1).
 */
export class AuthorizeParams {
  private constructor(private readonly entries: ReadonlyArray<readonly [string, string]>) {}

  static async read(request: HttpRequest): Promise<AuthorizeParams> {
    const all = [...request.query];
    const form = await readFormBody(request);
    if (form) all.push(...form);
    if (all.length > MAX_PARAMETERS)
      throw new StsError('PortalSTS0017', { detail: `${all.length} parameters` });
    return new AuthorizeParams(all.filter(([, value]) => value !== ''));
  }

  /** The value of a parameter; the first one when repeated (ask isRepeated first where it matters). */
  get(name: string): string | undefined {
    return this.entries.find(([key]) => key === name)?.[1];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  isRepeated(name: string): boolean {
    return this.entries.filter(([key]) => key === name).length > 1;
  }

  /** The value when sent exactly once; undefined when absent or repeated (for lenient reads). */
  single(name: string): string | undefined {
    return this.isRepeated(name) ? undefined : this.get(name);
  }

  repeatedNames(): string[] {
    const names = this.entries.map(([key]) => key);
    return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  }

  /** Every parameter as a query string: the same request as a GET (the sign-in return URL). */
  toQuery(): URLSearchParams {
    return new URLSearchParams(this.entries.map(([key, value]): [string, string] => [key, value]));
  }
}
