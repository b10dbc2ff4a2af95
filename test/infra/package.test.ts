import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './bicep-tree.js';

// Built outside the repository, so that no import can resolve from the repo's node_modules: what
// loads here loads in Azure, where the package has no node_modules either.
const work = mkdtempSync(path.join(tmpdir(), 'portal-sts-package-'));
const outDir = path.join(work, 'package');
execFileSync(process.execPath, [path.join(repoRoot, 'scripts/package.mjs'), outDir], { stdio: 'pipe' });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file (not folder) in the package, relative, with forward slashes. */
const files = readdirSync(outDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
  .sort();
const functionNames = readdirSync(path.join(repoRoot, 'functions'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();

describe('npm run package (what azd deploys)', () => {
  it('is host.json, package.json and one bundle per function with its chunks, nothing else', () => {
    const chunks = files.filter((name) => name.startsWith('functions/chunks/'));
    expect(files.filter((name) => !chunks.includes(name))).toEqual(
      [...functionNames.map((name) => `functions/${name}.js`), 'host.json', 'package.json'].sort(),
    );
    // Chunk names carry a content hash: their shape, not their names, is fixed.
    for (const chunk of chunks) expect(chunk).toMatch(/^functions\/chunks\/[\w-]+\.js$/);
  });

  it('has a package.json whose main matches the function files, and the repo host.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(outDir, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('functions/*.js');
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies).toEqual({});
    expect(readFileSync(path.join(outDir, 'host.json'), 'utf8')).toBe(
      readFileSync(path.join(repoRoot, 'host.json'), 'utf8'),
    );
  });

  it('holds no private key (the libraries name PEM labels in messages; no PEM block is shipped)', () => {
    for (const name of files) {
      const text = readFileSync(path.join(outDir, name), 'utf8');
      expect(text, name).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    }
  });

  it('loads without node_modules and registers every function with the worker', () => {
    // A stand-in for the worker's @azure/functions-core (the one module the package leaves out).
    const loader = path.join(work, 'load.mjs');
    writeFileSync(
      loader,
      `import Module from 'node:module';
import { readdirSync } from 'node:fs';
const registered = [];
class Disposable { dispose() {} static from() { return new Disposable(); } }
const core = {
  version: '3.10.1', hostVersion: '4.0.0', Disposable,
  registerFunction(metadata) { registered.push(metadata.name); return new Disposable(); },
  setProgrammingModel() {}, getProgrammingModel() { return undefined; },
  registerHook() { return new Disposable(); }, log() {},
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === '@azure/functions-core' ? core : load.call(this, request, ...rest);
};
const dir = process.argv[2];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  await import(new URL('file://' + dir + '/' + file).href);
}
console.log(JSON.stringify(registered.sort()));
`,
    );
    const out = execFileSync(process.execPath, [loader, path.join(outDir, 'functions')], {
      cwd: work,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    const registered = JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
    expect(registered.length).toBeGreaterThanOrEqual(functionNames.length);
  });
});

describe('.funcignore (a second guard, for `func azure functionapp publish` from the repo root)', () => {
  const ignored = readFileSync(path.join(repoRoot, '.funcignore'), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line && !line.startsWith('#'));

  it.each(['.data/', '.git/', '.azure/', 'test/', 'coverage/', 'local.settings.json', '*.pfx', '*.pem'])(
    'excludes %s',
    (entry) => {
      expect(ignored).toContain(entry);
    },
  );
});
