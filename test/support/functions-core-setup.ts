import { clearFunctionRegistry, installFunctionsCore } from '../../dev/functions-core.js';

/**
 * Vitest setup file: installs the `@azure/functions-core` stand-in in each test worker before any
 * test imports a function module, so `app.http(...)` registers into the dev registry (instead of
 * "test mode", which registers nothing), and starts every test file from an empty registry.
 */
installFunctionsCore();
clearFunctionRegistry();
