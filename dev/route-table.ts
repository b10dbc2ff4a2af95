import { type ConstraintCheck, compileConstraint } from './route-constraints.js';
import { parseRouteTemplate, type RouteParameter, type RouteSegment } from './route-template.js';

/**
 * Matches request paths against Functions route templates, in the order the Functions host uses:
 * ASP.NET Core's inbound precedence, so literal routes win over parameterised ones whatever order
 * the functions were registered in. Literal segments match case-insensitively.
 */

export type RouteParams = Record<string, string>;

interface CompiledSegment {
  /** Returns the captured parameters, or undefined when the path segment does not match. */
  match(pathSegment: string): RouteParams | undefined;
  parameter: CompiledParameter | undefined;
}

interface CompiledParameter extends RouteParameter {
  checks: ConstraintCheck[];
}

export interface CompiledRoute {
  template: string;
  /** One digit per segment: literal 1, constrained parameter 2, parameter 3, complex 4, catch-all 5. */
  precedence: number[];
  match(path: string): RouteParams | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileParameter(parameter: RouteParameter, warn?: (message: string) => void): CompiledParameter {
  return {
    ...parameter,
    checks: parameter.constraints.map((expression) => compileConstraint(expression, warn)),
  };
}

function accepts(parameter: CompiledParameter, value: string): boolean {
  return parameter.checks.every((check) => check(value));
}

function compileSegment(segment: RouteSegment, warn?: (message: string) => void): CompiledSegment {
  const [only] = segment.parts;
  if (segment.parts.length === 1 && only?.kind === 'literal') {
    const literal = only.text.toLowerCase();
    return { parameter: undefined, match: (value) => (value.toLowerCase() === literal ? {} : undefined) };
  }
  if (segment.parts.length === 1 && only?.kind === 'parameter') {
    const parameter = compileParameter(only, warn);
    return {
      parameter,
      match: (value) => (value !== '' && accepts(parameter, value) ? { [parameter.name]: value } : undefined),
    };
  }
  // Complex segment such as `{name}.{ext?}`: one anchored regex. ASP.NET matches these right to
  // left, so `{name}.{ext}` splits "a.b.pdf" at the last dot: greedy captures do the same.
  const parameters: CompiledParameter[] = [];
  let source = '';
  segment.parts.forEach((part, index) => {
    if (part.kind === 'literal') return;
    const previous = segment.parts[index - 1];
    const next = segment.parts.slice(index + 1).find((later) => later.kind === 'parameter');
    const prefix = previous?.kind === 'literal' ? escapeRegExp(previous.text) : '';
    parameters.push(compileParameter(part, warn));
    if (part.optional) {
      // The optional part may not contain its own separator, so "a.b.pdf" still ends in ext=pdf.
      source += `(?:${prefix}((?:(?!${prefix || '$^'}).)+))?`;
    } else {
      const nextOptional = next?.kind === 'parameter' && next.optional;
      source += `${prefix}${nextOptional ? '(.+?)' : '(.+)'}`;
    }
  });
  const last = segment.parts[segment.parts.length - 1];
  if (last?.kind === 'literal') source += escapeRegExp(last.text);
  const pattern = new RegExp(`^${source}$`, 'i');
  return {
    parameter: undefined,
    match(value) {
      const captures = pattern.exec(value);
      if (!captures) return undefined;
      const params: RouteParams = {};
      for (const [index, parameter] of parameters.entries()) {
        const captured = captures[index + 1] ?? parameter.defaultValue;
        if (captured === undefined) continue;
        if (!accepts(parameter, captured)) return undefined;
        params[parameter.name] = captured;
      }
      return params;
    },
  };
}

function precedenceDigit(segment: RouteSegment): number {
  const [part] = segment.parts;
  if (segment.parts.length > 1 || !part) return 4;
  if (part.kind === 'literal') return 1;
  const base = part.catchAll ? 5 : 3;
  return part.constraints.length > 0 ? base - 1 : base;
}

/** Splits a URL path into decoded segments; undefined when it is not valid percent-encoding. */
export function pathSegments(path: string): string[] | undefined {
  const trimmed = path.replace(/^\/+/, '').replace(/\/$/, '');
  if (trimmed === '') return [];
  try {
    return trimmed.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

export function compileRoute(template: string, warn?: (message: string) => void): CompiledRoute {
  const segments = parseRouteTemplate(template);
  const compiled = segments.map((segment) => compileSegment(segment, warn));
  return {
    template,
    precedence: segments.map(precedenceDigit),
    match(path) {
      const values = pathSegments(path);
      if (!values) return undefined;
      const params: RouteParams = {};
      for (const [index, segment] of compiled.entries()) {
        const parameter = segment.parameter;
        if (parameter?.catchAll) {
          const rest = values.slice(index).join('/');
          if (rest !== '' && !accepts(parameter, rest)) return undefined;
          if (rest !== '' || parameter.defaultValue !== undefined)
            params[parameter.name] = rest || `${parameter.defaultValue}`;
          return params;
        }
        const value = values[index];
        if (value === undefined) {
          // Only trailing optional (or defaulted) parameters may be left out.
          if (!parameter || !(parameter.optional || parameter.defaultValue !== undefined)) return undefined;
          if (parameter.defaultValue !== undefined) params[parameter.name] = parameter.defaultValue;
          continue;
        }
        const captured = segment.match(value);
        if (!captured) return undefined;
        Object.assign(params, captured);
      }
      return values.length > compiled.length ? undefined : params;
    },
  };
}

function comparePrecedence(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

interface RouteEntry<T> {
  route: CompiledRoute;
  /** Uppercase methods; undefined means every method (a binding that lists none). */
  methods: Set<string> | undefined;
  value: T;
  order: number;
}

export interface RouteMatch<T> {
  value: T;
  params: RouteParams;
  template: string;
}

export class RouteTable<T> {
  #entries: RouteEntry<T>[] = [];

  constructor(private readonly warn?: (message: string) => void) {}

  /** Throws RouteTemplateError for a template the host would also reject. */
  add(template: string, methods: readonly string[] | undefined, value: T): void {
    const entry: RouteEntry<T> = {
      route: compileRoute(template, this.warn),
      methods: methods?.length ? new Set(methods.map((method) => method.toUpperCase())) : undefined,
      value,
      order: this.#entries.length,
    };
    this.#entries.push(entry);
    this.#entries.sort(
      (a, b) =>
        comparePrecedence(a.route.precedence, b.route.precedence) ||
        a.route.template.toLowerCase().localeCompare(b.route.template.toLowerCase()) ||
        a.order - b.order,
    );
  }

  /** The templates in matching order. */
  templates(): string[] {
    return this.#entries.map((entry) => entry.route.template);
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const upper = method.toUpperCase();
    for (const entry of this.#entries) {
      if (entry.methods && !entry.methods.has(upper)) continue;
      const params = entry.route.match(path);
      if (params) return { value: entry.value, params, template: entry.route.template };
    }
    return undefined;
  }
}
