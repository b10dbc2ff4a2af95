// In Azure the Functions worker injects `@azure/functions-core`. Locally this folder is installed
// as that package (a `file:` devDependency), so @azure/functions finds it by ordinary resolution.
// It hands out the API that dev/functions-core.ts installs; without it, the require fails and
// @azure/functions falls back to its test mode, as it would outside the worker.
const api = globalThis[Symbol.for('portal-sts.dev.functions-core.api')];
if (!api) throw new Error('@azure/functions-core: call installFunctionsCore() before app.http()');
module.exports = api;
