import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** The function module files of a build: the entry files only (no maps, no chunks). */
export async function functionFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.js')).sort();
  return names.map((name) => path.join(dir, name));
}

/**
 * The built function modules in `dir`, refusing a build older than the sources: a cold start of
 * yesterday's code would be measured as today's.
 */
export async function freshFunctionFiles(relativeDir: string, buildCommand: string): Promise<string[]> {
  const dir = path.join(ROOT, relativeDir);
  let files: string[];
  try {
    files = await functionFiles(dir);
  } catch {
    files = [];
  }
  if (files.length === 0) throw new Error(`${relativeDir} has no function modules: run ${buildCommand}`);
  const sources = Math.max(
    await newestSource(path.join(ROOT, 'functions')),
    await newestSource(path.join(ROOT, 'shared')),
  );
  const built = Math.min(...(await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs))));
  if (built < sources) throw new Error(`${relativeDir} is older than the sources: run ${buildCommand}`);
  return files;
}
