import { createHash } from 'node:crypto';
import type { DevPrincipal } from './principal.js';

/** The fields of the dev sign-in form, named as the Static Web Apps CLI and OIDC name them. */
export const LOGIN_FIELDS = [
  'userId',
  'userDetails',
  'email',
  'given_name',
  'family_name',
  'phone_number',
  'locale',
  'roles',
] as const;

export type LoginField = (typeof LOGIN_FIELDS)[number];
export type LoginFormValues = Partial<Record<LoginField | 'post_login_redirect_uri', string>>;

const MAX_FIELD_LENGTH = 256;
const MAX_ROLES = 20;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function formValues(form: URLSearchParams): LoginFormValues {
  const values: LoginFormValues = {};
  for (const name of [...LOGIN_FIELDS, 'post_login_redirect_uri'] as const) {
    const value = form.get(name);
    if (value !== null) values[name] = value.trim();
  }
  return values;
}

/** A stable id per user name, so signing in again as the same user yields the same `sub`. */
function derivedUserId(userDetails: string): string {
  const hex = createHash('sha256').update(`portal-sts-dev:${userDetails.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type LoginResult = { principal: DevPrincipal } | { error: string };

/** Validates the posted form. Values end up in headers and cookies, hence the strict limits. */
export function principalFromForm(values: LoginFormValues, now = Date.now()): LoginResult {
  for (const name of LOGIN_FIELDS) {
    const value = values[name] ?? '';
    if (value.length > MAX_FIELD_LENGTH)
      return { error: `${name} is longer than ${MAX_FIELD_LENGTH} characters.` };
    if (hasControlCharacter(value)) return { error: `${name} contains control characters.` };
  }
  const userDetails = values.userDetails ?? '';
  if (!userDetails) return { error: 'userDetails (the user name) is required.' };
  const roles = (values.roles ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  if (roles.length > MAX_ROLES) return { error: `At most ${MAX_ROLES} roles.` };
  if (values.email && !/^[^\s@]+@[^\s@]+$/.test(values.email))
    return { error: 'email is not an e-mail address.' };
  const optional = (value: string | undefined) => (value ? value : undefined);
  return {
    principal: {
      userId: values.userId || derivedUserId(userDetails),
      userDetails,
      email: optional(values.email),
      givenName: optional(values.given_name),
      familyName: optional(values.family_name),
      phoneNumber: optional(values.phone_number),
      locale: optional(values.locale),
      roles,
      authTime: Math.floor(now / 1000),
    },
  };
}
