import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_SETTINGS } from '../../shared/config.js';
import { ERROR_CATALOGUE, ERROR_IDS } from '../../shared/errors/catalogue.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README is the admin's reference: its tables must not drift from the code. */
describe('README', () => {
  it('lists every error id with its HTTP status, and no other', () => {
    const rows = [...readme.matchAll(/^\|\s*(PortalSTS\d{4})\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(rows).toEqual(ERROR_IDS.map((id) => [id, ERROR_CATALOGUE[id].status]));
  });

  it('documents every app setting the code reads', () => {
    for (const name of Object.keys(APP_SETTINGS))
      expect(readme).toMatch(new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm'));
  });

  it('gives the two set-up commands in the Quick start, and only those', () => {
    const quickStart = /^## Quick start\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
    const firstBlock = /^```sh\n([\s\S]*?)^```/m.exec(quickStart)?.[1] ?? '';
    const commands = firstBlock.split('\n').filter((line) => line.trim() !== '');
    expect(commands.map((line) => line.split('#')[0]?.trim())).toEqual(['npm start', 'npm test']);
    // Both are the package's own scripts, so the commands the README gives exist.
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['start', 'test']));
  });
});
