import type { StoredSetting } from './settings-table.js';

/**
 * Client ids are case-sensitive (`SPA` and `spa` are two clients), but setting names, and so the
 * Table row of `ImplicitGrantFlow/{ClientId}/RedirectUri`, are not: both ids would share one row.
 * So ids that differ only in case cannot both be registered, and a redirect-URI row belongs only
 * to the client whose id its stored name spells exactly.
 */

/** The registered ids, without those that equal another ignoring case (all of them are refused). */
export function withoutCaseCollisions(ids: readonly string[]): { ids: Set<string>; refused: string[] } {
  const byLower = new Map<string, Set<string>>();
  for (const id of ids) {
    const lower = id.toLowerCase();
    byLower.set(lower, (byLower.get(lower) ?? new Set()).add(id));
  }
  const accepted = new Set<string>();
  const refused: string[] = [];
  for (const spellings of byLower.values()) {
    if (spellings.size === 1) for (const id of spellings) accepted.add(id);
    else refused.push(...spellings);
  }
  return { ids: accepted, refused };
}

const REDIRECT_URI_NAME = /^ImplicitGrantFlow\/([^/]+)\/RedirectUri$/i;

/** The client id a stored redirect-URI row was written for, exactly as its name spells it. */
export function redirectUriRowClient(row: StoredSetting): string | undefined {
  return REDIRECT_URI_NAME.exec(row.name.trim())?.[1];
}
