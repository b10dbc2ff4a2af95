import { createRequire } from 'node:module';

/**
 * A stand-in for `@azure/functions-core`, the module the Azure Functions Node.js worker injects
 * into the app. `@azure/functions` requires it lazily on the first `app.http(...)`; when it is
 * missing the library drops into "test mode" and registers nothing. Providing it lets the dev host
 * and the tests serve exactly what the function modules register: one route table, no copies.
 */

/** The binding shape `@azure/functions` hands to `registerFunction` (toCoreFunctionMetadata). */
export interface CoreBindingInfo {
  type?: string;
  direction?: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
  [property: string]: unknown;
}

export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, CoreBindingInfo>;
  retryOptions?: unknown;
}

export type CoreFunctionCallback = (...args: unknown[]) => unknown;
export type CoreHookCallback = (context: unknown) => unknown;
export type CoreHookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';
export type SystemLogSink = (level: string, category: string, message: string) => void;

export interface RegisteredFunction {
  metadata: CoreFunctionMetadata;
  callback: CoreFunctionCallback;
}

export interface FunctionRegistry {
  readonly functions: Map<string, RegisteredFunction>;
  readonly hooks: Map<CoreHookName, Set<CoreHookCallback>>;
  programmingModel: unknown;
  /** Shared by every hook of the app, as the worker's `appHookData` is. */
  readonly appHookData: Record<string, unknown>;
  /** Bumped on every change, so the host knows when to rebuild its route table. */
  version: number;
  systemLog: SystemLogSink;
}

const HOOK_NAMES: readonly CoreHookName[] = [
  'appStart',
  'appTerminate',
  'preInvocation',
  'postInvocation',
  'log',
];

// On globalThis, not in module scope: vitest may evaluate this file more than once per worker,
// while `@azure/functions` (a plain Node module) keeps the first core API it was given.
const REGISTRY_KEY = Symbol.for('portal-sts.dev.functions-core.registry');
const CORE_API_KEY = Symbol.for('portal-sts.dev.functions-core.api');
type GlobalSlots = { [REGISTRY_KEY]?: FunctionRegistry; [CORE_API_KEY]?: CoreApi };

const defaultSystemLog: SystemLogSink = (level, category, message) => {
  if (level === 'warning' || level === 'error' || level === 'critical') {
    console.error(`[functions-core] ${level} (${category}): ${message}`);
  }
};

export function functionRegistry(): FunctionRegistry {
  const slots = globalThis as GlobalSlots;
  slots[REGISTRY_KEY] ??= {
    functions: new Map(),
    hooks: new Map(HOOK_NAMES.map((name) => [name, new Set<CoreHookCallback>()])),
    programmingModel: undefined,
    appHookData: {},
    version: 0,
    systemLog: defaultSystemLog,
  };
  return slots[REGISTRY_KEY];
}

/** Forgets every registration (each test file starts from an empty app). */
export function clearFunctionRegistry(): void {
  const registry = functionRegistry();
  registry.functions.clear();
  for (const callbacks of registry.hooks.values()) callbacks.clear();
  registry.version++;
}

/** The worker's Disposable: `dispose()` runs once. */
class Disposable {
  #onDispose: (() => void) | undefined;
  constructor(onDispose: () => void) {
    this.#onDispose = onDispose;
  }
  static from(...disposables: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const disposable of disposables) disposable.dispose();
    });
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
    registerHook(hookName: string, callback: CoreHookCallback): Disposable {
      const callbacks = registry.hooks.get(hookName as CoreHookName);
      // RangeError is what the worker throws; `app.hook.log` relies on that name.
      if (!callbacks) throw new RangeError(`Unrecognized hook "${hookName}"`);
      callbacks.add(callback);
      return new Disposable(() => callbacks.delete(callback));
    },
    log(level: string, category: string, message: string): void {
      registry.systemLog(level, category, message);
    },
  };
}

export type CoreApi = ReturnType<typeof createCoreApi>;

interface ModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/**
 * Makes `require('@azure/functions-core')` return the stand-in, by wrapping the CommonJS loader
 * (Node 20 has no synchronous module hooks). Must run before the first `app.http(...)`, because
 * `@azure/functions` caches the answer, including "not found". Idempotent.
 */
export function installFunctionsCore(): CoreApi {
  const slots = globalThis as GlobalSlots;
  const existing = slots[CORE_API_KEY];
  if (existing) return existing;
  const coreApi = createCoreApi(functionRegistry());
  const loader = createRequire(import.meta.url)('node:module') as ModuleLoader;
  const originalLoad = loader._load;
  loader._load = function loadWithFunctionsCore(this: unknown, request, parent, isMain) {
    if (request === '@azure/functions-core') return coreApi;
    return originalLoad.call(this, request, parent, isMain);
  };
  slots[CORE_API_KEY] = coreApi;
  return coreApi;
}
