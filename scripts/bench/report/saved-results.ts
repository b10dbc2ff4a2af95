import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../lib/build-check.js';
import type { BenchResults } from './results.js';

/** The last full run's figures, so the report's wording can be changed without measuring again. */
const FILE = path.join(ROOT, 'dist', 'bench', 'last-results.json');

export async function saveResults(results: BenchResults): Promise<void> {
  await mkdir(path.dirname(FILE), { recursive: true });
  await writeFile(FILE, JSON.stringify(results));
}

export async function loadResults(): Promise<BenchResults> {
  const results = JSON.parse(await readFile(FILE, 'utf8')) as BenchResults & { startedAt: string };
  return { ...results, startedAt: new Date(results.startedAt) };
}
