/**
 * Easy Auth's request headers for a signed-in user, as App Service passes them to the function.
 * No vitest import: the benchmark scripts build their requests with this too.
 */
export interface TestUser {
  id: string;
  name: string;
  claims?: ReadonlyArray<readonly [string, string]>;
}

export const ADA: TestUser = {
  id: 'ada-0001',
  name: 'ada@contoso.com',
  claims: [
    ['email', 'ada@contoso.com'],
    ['given_name', 'Ada'],
    ['family_name', 'Lovelace'],
    ['phone_number', '+44 20 7946 0000'],
  ],
};

export function principalHeaders(user: TestUser): Record<string, string> {
  const principal = { auth_typ: 'aad', claims: (user.claims ?? []).map(([typ, val]) => ({ typ, val })) };
  return {
    'x-ms-client-principal-id': user.id,
    'x-ms-client-principal-name': user.name,
    'x-ms-client-principal-idp': 'aad',
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
  };
}
