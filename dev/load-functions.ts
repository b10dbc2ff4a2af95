import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Escapes a glob's last segment into a RegExp: `*` is any run of characters except `/`. */
function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

/**
 * The function module files the real host would load: package.json "main", a glob such as
 * `dist/bundle/functions/*.js` (wildcards only in the file name, which is all this project uses).
 */
export async function functionModuleFiles(root: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { main?: string };
  const main = manifest.main ?? 'index.js';
  const dir = path.resolve(root, path.dirname(main));
  const pattern = globToRegExp(path.basename(main));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => pattern.test(name) && !name.endsWith('.map') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Imports each module once; importing is what registers its functions (through app.http). */
export async function importFunctionModules(files: readonly string[]): Promise<void> {
  for (const file of files) {
    await import(file.startsWith('file:') ? file : pathToFileURL(file).href);
  }
}
