import { createRequire } from 'node:module';
import { app } from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { functionRegistry } from '../../dev/functions-core.js';
import { httpFunctions } from '../../dev/http-functions.js';

describe('the @azure/functions-core stand-in (installed by the vitest setup file)', () => {
  it('answers require("@azure/functions-core") in place of the worker, by ordinary resolution', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('@azure/functions-core')).toMatch(
      /dev[\\/]functions-core-package[\\/]index\.cjs$/,
    );
    const core = require('@azure/functions-core') as { registerFunction?: unknown };
    expect(typeof core.registerFunction).toBe('function');
  });

  it('records app.http registrations with their route, methods and auth level, without test mode', async () => {
    const warn = vi.spyOn(console, 'warn');
    await import('../fixtures/dev-host-functions.js');
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('test mode'));
    const registry = functionRegistry();
    expect(registry.programmingModel).toMatchObject({ name: '@azure/functions' });
    const echo = httpFunctions(registry).find((fn) => fn.name === 'fixture-echo');
    expect(echo).toMatchObject({
      route: 'fixture/echo/{id}',
      methods: ['GET', 'POST', 'PUT', 'HEAD'],
      authLevel: 'anonymous',
    });
    // The library's own default when a registration lists no methods.
    expect(httpFunctions(registry).find((fn) => fn.name === 'fixture-files')?.methods).toEqual([
      'GET',
      'POST',
    ]);
  });

  it('uses the function name as the route when none is given, and refuses duplicate names', () => {
    app.http('unrouted', { handler: () => ({ body: 'ok' }) });
    expect(httpFunctions(functionRegistry()).find((fn) => fn.name === 'unrouted')?.route).toBe('unrouted');
    expect(() => app.http('unrouted', { handler: () => ({}) })).toThrow(/already been registered/);
  });

  it('refuses app hooks, which the dev host does not run', () => {
    expect(() => app.hook.preInvocation(() => {})).toThrow(
      'The dev host does not run app hooks ("preInvocation")',
    );
  });
});
