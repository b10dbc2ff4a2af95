import { clearFunctionRegistry, installFunctionsCore } from '../../dev/functions-core.js';

/**
 * Vitest setup file: installs the `@azure/functions-core` stand-in in each test worker before any
 * test imports a function module, so `app.http(...)` registers into the dev registry (instead of
 * "test mode", which registers nothing), and starts every test file from an empty registry.
 * Vitest loads @azure/functions from node_modules with Node's own loader, so its
 * `require('@azure/functions-core')` finds dev/functions-core-package through node_modules (a
 * `file:` dev dependency), exactly as the dev host's does; no alias or inlining is needed.
 */
installFunctionsCore();
clearFunctionRegistry();
