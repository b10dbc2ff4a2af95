import { normalizeThumbprint } from '../certs/thumbprint.js';
import { ServiceError } from '../errors/service-error.js';
import { MAX_TOKEN_LIFETIME, splitList } from './site-settings.js';

/**
 * Signing-key rotation without downtime, as three site settings (see SETTING in setting-names.ts):
 * the active thumbprint signs; Upcoming thumbprints are published before they sign, so validators
 * that cache the key set already know them; Previous keys stopped signing at `retiredAt` and stay
 * published for one maximum token lifetime after it, so every token they signed still validates.
 * Pure functions with an explicit clock: the admin CLI changes the state, the service reads it.
 */
export interface RetiredKey {
  thumbprint: string;
  retiredAt: Date;
}

export interface RotationState {
  active: string | undefined;
  upcoming: string[];
  previous: RetiredKey[];
}

/** The entries of a list setting that are not what they should be, for the caller to report. */
export interface Parsed<T> {
  items: T[];
  invalid: string[];
}

/** `A;B` of thumbprints; duplicates are dropped, anything that is not a thumbprint is reported. */
export function parseUpcoming(value: string | undefined): Parsed<string> {
  const items: string[] = [];
  const invalid: string[] = [];
  for (const entry of splitList(value)) {
    const thumbprint = normalizeThumbprint(entry);
    if (!thumbprint) invalid.push(entry);
    else if (!items.includes(thumbprint)) items.push(thumbprint);
  }
  return { items, invalid };
}

/** `THUMBPRINT@2026-01-01T00:00:00.000Z;...`; a thumbprint listed twice keeps its latest retirement. */
export function parsePrevious(value: string | undefined): Parsed<RetiredKey> {
  const byThumbprint = new Map<string, RetiredKey>();
  const invalid: string[] = [];
  for (const entry of splitList(value)) {
    const at = entry.lastIndexOf('@');
    const thumbprint = at > 0 ? normalizeThumbprint(entry.slice(0, at)) : undefined;
    const retiredAt = at > 0 ? parseInstant(entry.slice(at + 1).trim()) : undefined;
    if (!thumbprint || !retiredAt) {
      invalid.push(entry);
      continue;
    }
    const known = byThumbprint.get(thumbprint);
    if (!known || known.retiredAt < retiredAt) byThumbprint.set(thumbprint, { thumbprint, retiredAt });
  }
  return { items: [...byThumbprint.values()], invalid };
}

/** Only full ISO 8601 instants with a zone: `Date.parse` alone accepts too much ("1", "May 5"). */
function parseInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export function formatUpcoming(thumbprints: readonly string[]): string {
  return thumbprints.join(';');
}

export function formatPrevious(keys: readonly RetiredKey[]): string {
  return keys.map((key) => `${key.thumbprint}@${key.retiredAt.toISOString()}`).join(';');
}

/**
 * The moment a retired key stops being published and accepted: one maximum token lifetime after it
 * stopped signing, when the last token it can have signed expires.
 */
export function acceptedUntil(key: RetiredKey): Date {
  return new Date(key.retiredAt.getTime() + MAX_TOKEN_LIFETIME * 1000);
}

/** Every thumbprint a validator must be able to find now: active, upcoming, and previous in grace. */
export function publishedThumbprints(state: RotationState, now: Date): string[] {
  const inGrace = state.previous.filter((key) => acceptedUntil(key) > now).map((key) => key.thumbprint);
  const all = [...(state.active ? [state.active] : []), ...state.upcoming, ...inGrace];
  return [...new Set(all)];
}

export class RotationError extends ServiceError {
  constructor(
    /** Why a transition was refused; the caller decides how to report it. */
    readonly reason: 'is-active' | 'not-listed' | 'in-grace',
    message: string,
  ) {
    super('rotation_refused', message);
  }
}

export interface Transition {
  state: RotationState;
  /** False when the state already was what was asked for. */
  changed: boolean;
  /** Things an operator should know (the change still happened). */
  warnings: string[];
}

export function publish(state: RotationState, thumbprint: string): Transition {
  if (state.active === thumbprint || state.upcoming.includes(thumbprint)) {
    return { state, changed: false, warnings: [] };
  }
  return { state: { ...state, upcoming: [...state.upcoming, thumbprint] }, changed: true, warnings: [] };
}

/**
 * T signs from `now`; the key it replaces is kept as Previous (retired now) so its tokens still
 * validate. With no thumbprint active the deployment's default certificate was signing: pass its
 * thumbprint as `defaultThumbprint` so it is kept too (otherwise the transition warns).
 */
export function activate(
  state: RotationState,
  thumbprint: string,
  now: Date,
  defaultThumbprint?: string,
): Transition {
  if (state.active === thumbprint) return { state, changed: false, warnings: [] };
  const warnings: string[] = [];
  if (!state.upcoming.includes(thumbprint)) {
    warnings.push(
      `${thumbprint} was not published first: validators caching the key set may not know it yet (publish, wait for their cache to expire, then activate)`,
    );
  }
  const replaced = state.active ?? defaultThumbprint;
  if (!replaced) {
    warnings.push(
      'no thumbprint was active and the default certificate could not be looked up: it signed until now and is not kept as Previous (give --vault or LOCAL_CERTIFICATES_DIR)',
    );
  }
  const previous = state.previous.filter(
    (key) => key.thumbprint !== thumbprint && key.thumbprint !== replaced,
  );
  if (replaced && replaced !== thumbprint) previous.push({ thumbprint: replaced, retiredAt: now });
  return {
    state: { active: thumbprint, upcoming: state.upcoming.filter((t) => t !== thumbprint), previous },
    changed: true,
    warnings,
  };
}

/**
 * Stops publishing a key. A Previous key is refused while tokens it signed may still be valid,
 * unless forced; an Upcoming key never signed, so it can go at once; the active key never can.
 */
export function retire(
  state: RotationState,
  thumbprint: string,
  now: Date,
  options: { force?: boolean } = {},
): Transition {
  if (state.active === thumbprint) {
    throw new RotationError(
      'is-active',
      `${thumbprint} is the active signing key: activate another one first`,
    );
  }
  const retired = state.previous.find((key) => key.thumbprint === thumbprint);
  const upcoming = state.upcoming.filter((t) => t !== thumbprint);
  if (!retired && upcoming.length === state.upcoming.length) {
    throw new RotationError('not-listed', `${thumbprint} is neither a previous nor an upcoming key`);
  }
  const warnings: string[] = [];
  if (retired && acceptedUntil(retired) > now) {
    const until = acceptedUntil(retired).toISOString();
    if (!options.force) {
      throw new RotationError(
        'in-grace',
        `${thumbprint} signed tokens that are valid until ${until}; retire it after that, or pass --force`,
      );
    }
    warnings.push(`${thumbprint} was retired early: tokens it signed fail validation until ${until}`);
  }
  const previous = state.previous.filter((key) => key.thumbprint !== thumbprint);
  return { state: { active: state.active, upcoming, previous }, changed: true, warnings };
}
