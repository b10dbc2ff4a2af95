import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page or script the site serves; `body` is read per request, so it may name a URL known later. */
export interface StaticRoute {
  type: string;
  body: () => string | Buffer | Promise<string | Buffer>;
}

/** A form post the site received on an echo path: what a relying party's callback would see. */
export interface ReceivedPost {
  path: string;
  /** The request target, query included: the tokens must not be in it. */
  url: string;
  headers: IncomingHttpHeaders;
  fields: Record<string, string>;
}

export interface StaticSite {
  /** http://127.0.0.1:<port>: another origin (and site) than the dev host on localhost. */
  url: string;
  posts: ReceivedPost[];
  close(): Promise<void>;
}

/**
 * The relying party's web server in the browser tests: serves fixed routes (GET) and answers a
 * POST to an echo path with the received form fields as JSON. Anything else is a 404.
 */
export async function startStaticSite(
  routes: ReadonlyMap<string, StaticRoute>,
  echoPaths: ReadonlySet<string>,
): Promise<StaticSite> {
  const posts: ReceivedPost[] = [];
  const server = createServer(async (req, res) => {
    const target = req.url ?? '/';
    const pathname = new URL(target, 'http://static.invalid').pathname;
    const route = routes.get(pathname);
    if (req.method === 'GET' && route) {
      const body = await route.body();
      res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    if (req.method === 'POST' && echoPaths.has(pathname)) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      posts.push({ path: pathname, url: target, headers: req.headers, fields });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(fields));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
