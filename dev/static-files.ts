import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** The demo page talks only to this origin; no inline script, no CDN (machines are offline). */
const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the flat folder of demo files (dev/public). Only names listed in the folder are served,
 * so no request path can reach outside it.
 */
export class StaticFiles {
  #names: Promise<Set<string>> | undefined;

  constructor(private readonly dir: string) {}

  #list(): Promise<Set<string>> {
    this.#names ??= readdir(this.dir, { withFileTypes: true }).then(
      (entries) => new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name)),
      () => new Set<string>(),
    );
    return this.#names;
  }

  /** Serves GET/HEAD of a demo file; returns false when there is none for this path. */
  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const type = CONTENT_TYPES[path.extname(name)];
    if (!type || !(await this.#list()).has(name)) return false;
    const content = await readFile(path.join(this.dir, name));
    res.writeHead(200, {
      'content-type': type,
      'content-length': content.length,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': DEMO_CSP,
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
    return true;
  }
}
