/**
 * A stand-in for `@azure/functions-core`, the module the Azure Functions Node.js worker injects
 * into the app. `@azure/functions` requires it lazily on the first `app.http(...)`; when it is
 * missing the library drops into "test mode" and registers nothing. Providing it lets the dev host
 * and the tests serve exactly what the function modules register: one route table, no copies.
 *
 * How `require('@azure/functions-core')` finds it: dev/functions-core-package is installed as that
 * package (a `file:` devDependency, so node_modules/@azure/functions-core links to it) and hands
 * out the API that installFunctionsCore() puts on globalThis. Node's ordinary resolution does the
 * rest; nothing of Node's loader is patched. Loader hooks (`module.register`) do not serve on
 * Node 20: its CommonJS `require()` resolves the name before any hook sees it, and fails.
 */

/** The binding shape `@azure/functions` hands to `registerFunction` (toCoreFunctionMetadata). */
export interface CoreBindingInfo {
  type?: string;
  direction?: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  [property: string]: unknown;
}

export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, CoreBindingInfo>;
}

export type CoreFunctionCallback = (...args: unknown[]) => unknown;
export type SystemLogSink = (level: string, category: string, message: string) => void;

export interface RegisteredFunction {
  metadata: CoreFunctionMetadata;
  callback: CoreFunctionCallback;
}

export interface FunctionRegistry {
  readonly functions: Map<string, RegisteredFunction>;
  programmingModel: unknown;
  /** Bumped on every change, so the host knows when to rebuild its route table. */
  version: number;
  systemLog: SystemLogSink;
}

// On globalThis, not in module scope: vitest may evaluate this file more than once per worker,
// while `@azure/functions` (a plain Node module) keeps the first core API it was given. The API's
// key is the one dev/functions-core-package/index.cjs reads.
const REGISTRY_KEY = Symbol.for('portal-sts.dev.functions-core.registry');
const CORE_API_KEY = Symbol.for('portal-sts.dev.functions-core.api');
type GlobalSlots = { [REGISTRY_KEY]?: FunctionRegistry; [CORE_API_KEY]?: CoreApi };

export function functionRegistry(): FunctionRegistry {
  const slots = globalThis as GlobalSlots;
  slots[REGISTRY_KEY] ??= {
    functions: new Map(),
    programmingModel: undefined,
    version: 0,
    systemLog: (level, category, message) => {
      if (/warning|error|critical/.test(level))
        console.error(`[functions-core] ${level} (${category}): ${message}`);
    },
  };
  return slots[REGISTRY_KEY];
}

/** Each registered function with a trigger binding of `type` (e.g. `httpTrigger`), and that binding. */
export function functionsTriggeredBy(registry: FunctionRegistry, type: string) {
  return [...registry.functions.values()].flatMap(({ metadata, callback }) => {
    const trigger = Object.values(metadata.bindings).find(
      (binding) => binding.type?.toLowerCase() === type.toLowerCase() && binding.direction !== 'out',
    );
    return trigger ? [{ name: metadata.name, trigger, callback }] : [];
  });
}

/** Forgets every registration (each test file starts from an empty app). */
export function clearFunctionRegistry(): void {
  const registry = functionRegistry();
  registry.functions.clear();
  registry.version++;
}

/** The worker's Disposable: `dispose()` runs once. */
class Disposable {
  #onDispose: (() => void) | undefined;
  constructor(onDispose: () => void) {
    this.#onDispose = onDispose;
  }
  dispose(): void {
    this.#onDispose?.();
    this.#onDispose = undefined;
  }
}

function createCoreApi(registry: FunctionRegistry) {
  return {
    version: '3.10.1',
    hostVersion: '4.0.0-portal-sts-dev',
    Disposable,
    registerFunction(metadata: CoreFunctionMetadata, callback: CoreFunctionCallback): Disposable {
      // The worker refuses duplicate names too; a silent overwrite would hide a copy-paste bug.
      if (registry.functions.has(metadata.name)) {
        throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
      }
      registry.functions.set(metadata.name, { metadata, callback });
      registry.version++;
      return new Disposable(() => {
        if (registry.functions.get(metadata.name)?.callback === callback)
          registry.functions.delete(metadata.name);
        registry.version++;
      });
    },
    setProgrammingModel(model: unknown): void {
      registry.programmingModel = model;
    },
    getProgrammingModel(): unknown {
      return registry.programmingModel;
    },
    registerHook(hookName: string): never {
      // No function uses app hooks; failing loudly beats silently never running one.
      throw new Error(`The dev host does not run app hooks ("${hookName}").`);
    },
    log(level: string, category: string, message: string): void {
      registry.systemLog(level, category, message);
    },
  };
}

export type CoreApi = ReturnType<typeof createCoreApi>;

/**
 * Makes the stand-in available to `require('@azure/functions-core')`. Must run before the first
 * `app.http(...)`, because `@azure/functions` caches the answer, including "not found". Idempotent.
 */
export function installFunctionsCore(): CoreApi {
  const slots = globalThis as GlobalSlots;
  slots[CORE_API_KEY] ??= createCoreApi(functionRegistry());
  return slots[CORE_API_KEY];
}
