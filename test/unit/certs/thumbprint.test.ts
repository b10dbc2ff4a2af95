import { describe, expect, it } from 'vitest';
import { normalizeThumbprint } from '../../../shared/certs/thumbprint.js';

const HEX = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';

describe('normalizeThumbprint', () => {
  it.each([
    ['lowercase', HEX.toLowerCase()],
    ['spaces', HEX.match(/../g)?.join(' ') ?? ''],
    ['colons', HEX.match(/../g)?.join(':') ?? ''],
    ['a leading U+200E from the Windows certificate dialog', `\u200e${HEX.toLowerCase()}`],
    ['surrounding whitespace', `  ${HEX}\n`],
  ])('accepts %s', (_, input) => {
    expect(normalizeThumbprint(input)).toBe(HEX);
  });

  it.each([
    ['too short', HEX.slice(1)],
    ['not hex', `${HEX.slice(1)}G`],
    ['SHA-256 length', HEX + HEX.slice(0, 24)],
    ['empty', ''],
  ])('rejects %s', (_, input) => {
    expect(normalizeThumbprint(input)).toBeUndefined();
  });
});
