import { readdir } from 'node:fs/promises';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A new instance compiles every module its function files import statically before it can serve:
// at 2 MB that was 280 ms of a cold start. The SDKs and the PKCS#12 reader are dynamic imports
// (loaded on first use); this keeps a static import from pulling them back onto the start path.
const LAZY = ['node-forge', '@peculiar/', 'asn1js', '@azure/identity', '@azure/keyvault-', '@azure/msal-'];

async function staticClosure(): Promise<{ inputs: string[]; bytes: number }> {
  const functions = new URL('../../functions/', import.meta.url);
  const entryPoints = (await readdir(functions))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => new URL(f, functions).pathname);
  const { metafile } = await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: '/virtual',
    external: ['@azure/functions'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs: Metafile['outputs'] = metafile.outputs;
  const pending = Object.keys(outputs).filter((file) => outputs[file]?.entryPoint?.startsWith('functions/'));
  const seen = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { path, kind } of outputs[file]?.imports ?? [])
      if (kind === 'import-statement' && outputs[path]) pending.push(path);
  }
  const files = [...seen].map((file) => outputs[file]);
  return {
    inputs: files.flatMap((output) => Object.keys(output?.inputs ?? {})),
    bytes: files.reduce((sum, output) => sum + (output?.bytes ?? 0), 0),
  };
}

describe('what a cold start loads', () => {
  it('keeps the Key Vault SDKs, identity and the PKCS#12 reader off the static import graph', async () => {
    const { inputs, bytes } = await staticClosure();
    expect(inputs.some((input) => input.startsWith('functions/'))).toBe(true);
    expect(inputs.filter((input) => LAZY.some((name) => input.includes(`node_modules/${name}`)))).toEqual([]);
    expect(
      inputs.filter((input) => /shared\/certs\/pkcs12(-decrypt|-kdf|-schemas)?\.ts$/.test(input)),
    ).toEqual([]);
    // 0.8 MB today, with the Table SDK; the PKCS#12 reader alone would add 1 MB.
    expect(bytes).toBeLessThan(1_200_000);
  }, 30_000);
});
