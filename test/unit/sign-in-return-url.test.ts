import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { AuthorizeParams } from '../../shared/oidc/authorize/authorize-params.js';
import { signInRedirect } from '../../shared/oidc/authorize/sign-in-redirect.js';
import { signInChallenge } from '../../shared/power-pages/sign-in-challenge.js';

/** The post_login_redirect_uri of a sign-in Location, decoded. */
function returnUrl(location: string | null | undefined): string {
  const url = new URL(location ?? '', 'https://sts.example');
  return url.searchParams.get('post_login_redirect_uri') ?? '';
}

function locationOf(headers: unknown): string | undefined {
  return (headers as Record<string, string>).Location;
}

describe('sign-in return URLs never leave the host', () => {
  for (const path of ['//evil.example/_services/auth/token', '///evil.example/x', '/\\evil.example/x']) {
    it(`the token endpoint's challenge for ${path} returns to a same-host path`, () => {
      const request = new HttpRequest({ url: `https://sts.example${path}?client_id=a`, method: 'GET' });
      const back = returnUrl(locationOf(signInChallenge(request, 'aad').headers));
      expect(back.startsWith('/')).toBe(true);
      expect(back).not.toMatch(/^[/\\]{2}/);
    });

    it(`the authorize endpoint's sign-in redirect for ${path} returns to a same-host path`, async () => {
      const request = new HttpRequest({ url: `https://sts.example${path}?client_id=a`, method: 'GET' });
      const params = await AuthorizeParams.read(request);
      const response = signInRedirect(request, params, 'aad');
      const back = returnUrl(locationOf(response.headers));
      expect(back.startsWith('/')).toBe(true);
      expect(back).not.toMatch(/^[/\\]{2}/);
    });
  }
});
