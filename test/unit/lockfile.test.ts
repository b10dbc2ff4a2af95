import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

/**
 * `npm ci` (CI, and `npm start`/`npm test` on a fresh clone) refuses a lock file that lacks an entry
 * for any optional dependency; this machine's registry hides non-Linux builds, so `npm install`
 * drops them. `npm run lockfile` puts placeholders back; this test says when it was forgotten.
 */
describe('package-lock.json', () => {
  it('has an entry for every optional dependency (run `npm run lockfile` after npm install)', () => {
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const missing = Object.values(lock.packages).flatMap((entry) =>
      Object.keys(entry.optionalDependencies ?? {}).filter((name) => !lock.packages[`node_modules/${name}`]),
    );
    expect(missing).toEqual([]);
  });
});
