import { type CoreFunctionCallback, type FunctionRegistry, functionsTriggeredBy } from './functions-core.js';
import { RouteTable } from './route-table.js';

/** An HTTP-triggered function as its registration describes it. */
export interface HttpFunction {
  name: string;
  route: string;
  /** Uppercase; undefined when the binding lists none (the host then accepts every method). */
  methods: string[] | undefined;
  authLevel: string;
  handler: CoreFunctionCallback;
}

/** Reads the httpTrigger binding of every registered function; other triggers are not served here. */
export function httpFunctions(registry: FunctionRegistry): HttpFunction[] {
  return functionsTriggeredBy(registry, 'httpTrigger').map(({ name, trigger, callback }) => ({
    name,
    // The host's default route is the function name.
    route: typeof trigger.route === 'string' && trigger.route.trim() !== '' ? trigger.route : name,
    methods: Array.isArray(trigger.methods)
      ? trigger.methods.map((method) => String(method).toUpperCase())
      : undefined,
    authLevel: String(trigger.authLevel ?? 'function').toLowerCase(),
    handler: callback,
  }));
}

/**
 * The route table of the current registrations, rebuilt only when the registry changes (tests may
 * import more function modules after the host has started).
 */
export class HttpFunctionRoutes {
  #version = -1;
  #table = new RouteTable<HttpFunction>();

  constructor(private readonly registry: FunctionRegistry) {}

  /** Throws, naming the function and its template, for a route the dev host does not serve. */
  current(): RouteTable<HttpFunction> {
    if (this.#version !== this.registry.version) {
      const table = new RouteTable<HttpFunction>();
      for (const fn of httpFunctions(this.registry)) {
        try {
          table.add(fn.route, fn.methods, fn);
        } catch (error) {
          throw new Error(`function "${fn.name}": ${(error as Error).message}`);
        }
      }
      this.#table = table;
      this.#version = this.registry.version;
    }
    return this.#table;
  }
}
