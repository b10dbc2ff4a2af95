import { readFile } from 'node:fs/promises';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  selfMs: number;
  share: number;
}

/** Shortens a frame's location to the repository or package it is in. */
function where(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (inPackage) return `${inPackage[1]}/${inPackage[2]}:${frame.lineNumber + 1}`;
  const inRepo =
    url.indexOf('/scripts/') >= 0 || url.indexOf('/shared/') >= 0 || url.indexOf('/functions/') >= 0;
  return inRepo
    ? `${url.replace(/^.*?\/(scripts|shared|functions)\//, '$1/')}:${frame.lineNumber + 1}`
    : url || '(native)';
}

/**
 * The functions that used the most CPU themselves (self time) in a .cpuprofile, idle excluded:
 * what `node --cpu-prof` recorded, reduced to what a reader acts on.
 */
export async function hotFunctions(
  file: string,
  top = 25,
): Promise<{ busyMs: number; functions: HotFunction[] }> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') return;
    busy += delta;
    const name = `${frame.functionName || '(anonymous)'} ${where(frame)}`;
    self.set(name, (self.get(name) ?? 0) + delta);
  });
  const functions = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / busy }));
  return { busyMs: busy, functions };
}
