/**
 * Matches request paths against the Functions route templates this app registers: literal
 * segments (matched case-insensitively, as the Functions host does) and `{name}` parameters.
 * ASP.NET's other template features (optional, default, constrained, catch-all and complex
 * parameters) are refused, so a function cannot quietly behave differently here than in Azure.
 */

export type RouteParams = Record<string, string>;

type Segment = { literal: string } | { parameter: string };

export class RouteTemplateError extends Error {}

const LITERAL = /^[^{}]+$/;
const PARAMETER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function parseRouteTemplate(template: string): Segment[] {
  const trimmed = template.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((text) => {
    const parameter = PARAMETER.exec(text)?.[1];
    if (parameter) return { parameter };
    if (LITERAL.test(text)) return { literal: text.toLowerCase() };
    throw new RouteTemplateError(
      `route template "${template}": segment "${text}" is neither literal text nor {name}`,
    );
  });
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

function matchSegments(segments: Segment[], values: string[]): RouteParams | undefined {
  if (values.length !== segments.length) return undefined;
  const params: RouteParams = {};
  for (const [index, segment] of segments.entries()) {
    const value = values[index] ?? '';
    if ('literal' in segment) {
      if (value.toLowerCase() !== segment.literal) return undefined;
    } else if (value === '') return undefined;
    else params[segment.parameter] = value;
  }
  return params;
}

interface RouteEntry<T> {
  template: string;
  segments: Segment[];
  /** Uppercase methods; undefined means every method (a binding that lists none). */
  methods: Set<string> | undefined;
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  params: RouteParams;
  template: string;
}

/** Literal segments before parameters, segment by segment, as ASP.NET's precedence orders them. */
function compareEntries(a: RouteEntry<unknown>, b: RouteEntry<unknown>): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const difference =
      Number('parameter' in (a.segments[i] ?? {})) - Number('parameter' in (b.segments[i] ?? {}));
    if (difference !== 0) return difference;
  }
  return a.template.toLowerCase().localeCompare(b.template.toLowerCase());
}

export class RouteTable<T> {
  #entries: RouteEntry<T>[] = [];

  /** Throws RouteTemplateError for a template other than literal and `{name}` segments. */
  add(template: string, methods: readonly string[] | undefined, value: T): void {
    const upper = methods?.length ? new Set(methods.map((method) => method.toUpperCase())) : undefined;
    this.#entries.push({ template, segments: parseRouteTemplate(template), methods: upper, value });
    this.#entries.sort(compareEntries);
  }

  /** The templates in matching order. */
  templates(): string[] {
    return this.#entries.map((entry) => entry.template);
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const values = pathSegments(path);
    if (!values) return undefined;
    const upper = method.toUpperCase();
    for (const entry of this.#entries) {
      if (entry.methods && !entry.methods.has(upper)) continue;
      const params = matchSegments(entry.segments, values);
      if (params) return { value: entry.value, params, template: entry.template };
    }
    return undefined;
  }
}
