import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstSyntaxError,
  infraFiles,
  modules,
  parseAllBicep,
  parseBicepSource,
  repoRoot,
  resources,
  where,
} from './bicep-tree.js';

const files = await parseAllBicep();

describe('infra/**/*.bicep syntax', () => {
  it('finds the templates', () => {
    const names = files.map((f) => f.file);
    expect(names).toContain('infra/main.bicep');
    expect(names.length).toBeGreaterThan(1);
  });

  it.each(files.map((f) => [f.file, f] as const))('%s parses without ERROR or MISSING nodes', (_, file) => {
    const error = firstSyntaxError(file.root);
    const detail = error
      ? `${error.isMissing ? `MISSING ${error.type}` : 'ERROR'} at ${where(file, error)}`
      : '';
    expect(detail).toBe('');
  });

  it('reports where a broken file breaks (the check above can fail)', async () => {
    const broken = await parseBicepSource(
      "param a string\nresource r 'T@1' = {\n  name: 'x'\n",
      'broken.bicep',
    );
    const error = firstSyntaxError(broken.root);
    expect(error).toBeDefined();
    if (error) expect(where(broken, error)).toMatch(/^broken\.bicep:\d+:\d+$/);
  });
});

describe('modules and API versions', () => {
  const moduleRefs = files.flatMap((file) => modules(file).map((m) => ({ file, m })));

  it('uses local modules only, and every module path exists', () => {
    expect(moduleRefs.length).toBeGreaterThan(0);
    for (const { file, m } of moduleRefs) {
      // Registry modules (br:, ts:) need a network restore; the templates must build offline.
      expect(m.target, `${m.name} in ${file.file}`).not.toMatch(/^(br|ts)[:/]/);
      const target = path.resolve(path.dirname(path.join(repoRoot, file.file)), m.target);
      expect(existsSync(target), `${file.file}: module ${m.name} -> ${m.target}`).toBe(true);
    }
  });

  it('uses every module file under infra/modules', () => {
    const referenced = new Set(
      moduleRefs.map(({ file, m }) => path.resolve(path.dirname(path.join(repoRoot, file.file)), m.target)),
    );
    const unused = infraFiles('.bicep').filter(
      (f) => f.includes(`${path.sep}modules${path.sep}`) && !referenced.has(f),
    );
    expect(unused).toEqual([]);
  });

  it('pins a stable API version on every resource', () => {
    for (const file of files) {
      for (const r of resources(file)) {
        expect(r.apiVersion, `${r.name} in ${file.file}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});
