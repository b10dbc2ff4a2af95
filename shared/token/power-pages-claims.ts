import type { SignedInUser } from '../user/signed-in-user.js';

export interface PowerPagesTokenInput {
  user: SignedInUser;
  siteId: string;
  /** The host of PUBLIC_BASE_URL, without scheme: Power Pages' issuer format. */
  issuerHost: string;
  clientId: string | undefined;
  nonce: string | undefined;
  issuedAt: number;
  lifetimeSeconds: number;
}

/**
 * `lp_sdes` as Power Pages emits it: LivePerson's "customer info" structured data entity, which
 * Power Pages' official ASP.NET validation sample reads (customerId, userName). Fields Power Pages
 * has no value for carry LivePerson's neutral defaults.
 */
function customerInfo(user: SignedInUser) {
  return [
    {
      type: 'ctmrinfo',
      info: {
        cstatus: null,
        ctype: null,
        customerId: user.id,
        balance: -1,
        socialId: null,
        imei: '',
        userName: user.name,
        companySize: -1,
        accountName: null,
        role: null,
        lastPaymentDate: { day: 0, month: 0, year: 0 },
        registrationDate: { day: 0, month: 0, year: 0 },
      },
    },
  ];
}

/** The claims of a Power Pages implicit-grant ID token; every listed claim is always present. */
export function powerPagesClaims(input: PowerPagesTokenInput): Record<string, unknown> {
  const { user } = input;
  const claims: Record<string, unknown> = {
    sub: user.id,
    preferred_username: user.name,
    phone_number: user.phoneNumber,
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
    lp_sdes: customerInfo(user),
    aud: input.clientId ?? '',
    appid: input.clientId ?? '',
    scp: input.siteId,
    iat: input.issuedAt,
    nbf: input.issuedAt,
    exp: input.issuedAt + input.lifetimeSeconds,
    iss: input.issuerHost,
  };
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  return claims;
}
