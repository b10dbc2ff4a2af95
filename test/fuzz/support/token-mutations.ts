import fc from 'fast-check';
import { hostileText } from './values.js';

/**
 * Ways to break a real token. Each result differs from the token as signed, except `keep`, so
 * each must be inactive. Characters are flipped anywhere but the signature's last one: its low
 * bits are base64 padding, and a flip there can decode to the very same signature.
 */
export type TokenMutation =
  | { kind: 'keep' }
  | { kind: 'flip'; segment: 0 | 1 | 2; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; text: string }
  | { kind: 'swap' }
  | { kind: 'alg'; alg: string }
  | { kind: 'strip-signature' }
  | { kind: 'oversize'; length: number };

export const tokenMutations: fc.Arbitrary<TokenMutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<TokenMutation>({ kind: 'keep' }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('flip' as const),
      segment: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      at: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('append' as const), text: hostileText }) },
  { weight: 1, arbitrary: fc.constant<TokenMutation>({ kind: 'swap' }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('alg' as const),
      alg: fc.constantFrom('none', 'HS256', 'PS256', 'ES256', 'RS384', 'rs256'),
    }),
  },
  { weight: 1, arbitrary: fc.constant<TokenMutation>({ kind: 'strip-signature' }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('oversize' as const),
      length: fc.integer({ min: 8193, max: 12_000 }),
    }),
  },
);

function flip(text: string, at: number): string {
  if (text.length === 0) return 'A';
  const index = at % text.length;
  return `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
}

export function mutateToken(token: string, mutation: TokenMutation): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  switch (mutation.kind) {
    case 'keep':
      return token;
    case 'flip': {
      const parts = [header, payload, signature];
      const target = parts[mutation.segment] ?? '';
      parts[mutation.segment] =
        mutation.segment === 2
          ? `${flip(target.slice(0, -1), mutation.at)}${target.slice(-1)}`
          : flip(target, mutation.at);
      return parts.join('.');
    }
    case 'truncate':
      return token.slice(0, mutation.at % token.length);
    case 'append':
      return `${token}${mutation.text}`;
    case 'swap':
      return `${payload}.${header}.${signature}`;
    case 'alg': {
      const decoded = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const forged = Buffer.from(JSON.stringify({ ...decoded, alg: mutation.alg })).toString('base64url');
      return `${forged}.${payload}.${mutation.alg === 'none' ? '' : signature}`;
    }
    case 'strip-signature':
      return `${header}.${payload}.`;
    case 'oversize':
      // The same token with its payload padded by a claim: still well formed, over 8 KB.
      return `${header}.${payload}${'A'.repeat(Math.max(0, mutation.length - token.length))}.${signature}`;
  }
}
