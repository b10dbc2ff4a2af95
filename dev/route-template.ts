/**
 * Parses Azure Functions (ASP.NET Core) route templates: literal segments, `{name}`, `{name?}`,
 * `{name=default}`, `{*rest}` / `{**rest}`, constraints such as `{id:int}` or `{x:regex(^a+$)}`,
 * and complex segments such as `{name}.{ext}`. `{{` and `}}` are literal braces.
 */

export interface RouteParameter {
  kind: 'parameter';
  name: string;
  optional: boolean;
  defaultValue: string | undefined;
  catchAll: boolean;
  /** Constraint expressions as written, e.g. `int`, `regex(^a+$)`, `length(2,8)`. */
  constraints: string[];
}

export interface RouteLiteral {
  kind: 'literal';
  text: string;
}

export type RoutePart = RouteLiteral | RouteParameter;

export interface RouteSegment {
  parts: RoutePart[];
}

export class RouteTemplateError extends Error {
  constructor(template: string, reason: string) {
    super(`Invalid route template "${template}": ${reason}`);
  }
}

/** Splits `text` on `separator` where it is not inside parentheses. */
function splitOutsideParens(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === separator && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

function parseParameter(body: string, template: string): RouteParameter {
  let rest = body.trim();
  let catchAll = false;
  if (rest.startsWith('**')) [catchAll, rest] = [true, rest.slice(2)];
  else if (rest.startsWith('*')) [catchAll, rest] = [true, rest.slice(1)];
  let optional = false;
  let defaultValue: string | undefined;
  // `?` and `=default` close the parameter, after any constraints.
  if (rest.endsWith('?') && !rest.endsWith('\\?')) [optional, rest] = [true, rest.slice(0, -1)];
  const pieces = splitOutsideParens(rest, ':');
  const last = pieces.length - 1;
  const lastPiece = pieces[last] ?? '';
  const equals = splitOutsideParens(lastPiece, '=');
  if (equals.length > 1) {
    pieces[last] = equals[0] ?? '';
    defaultValue = equals.slice(1).join('=');
  }
  const [name = '', ...constraints] = pieces;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name))
    throw new RouteTemplateError(template, `bad parameter name "${name}"`);
  return { kind: 'parameter', name, optional, defaultValue, catchAll, constraints };
}

/** Reads one `{...}` starting after the opening brace; returns its body and the index after `}`. */
function readParameterBody(segment: string, start: number, template: string): [string, number] {
  let body = '';
  let depth = 0;
  for (let i = start; i < segment.length; i++) {
    const ch = segment[i];
    const next = segment[i + 1];
    if ((ch === '{' || ch === '}') && next === ch && depth > 0) {
      body += ch; // `{{3}}` inside regex(...) means a literal brace
      i++;
    } else if (ch === '(') {
      depth++;
      body += ch;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
      body += ch;
    } else if (ch === '}' && depth === 0) {
      return [body, i + 1];
    } else {
      body += ch;
    }
  }
  throw new RouteTemplateError(template, 'unclosed "{"');
}

function parseSegment(segment: string, template: string): RouteSegment {
  const parts: RoutePart[] = [];
  let literal = '';
  let i = 0;
  while (i < segment.length) {
    const ch = segment[i];
    if ((ch === '{' || ch === '}') && segment[i + 1] === ch) {
      literal += ch;
      i += 2;
    } else if (ch === '{') {
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      const [body, next] = readParameterBody(segment, i + 1, template);
      parts.push(parseParameter(body, template));
      i = next;
    } else if (ch === '}') {
      throw new RouteTemplateError(template, 'unmatched "}"');
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return { parts };
}

/** Splits on `/` outside braces (a regex constraint may contain a slash). */
function splitSegments(template: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of template) {
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '/' && depth === 0) {
      segments.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  segments.push(current);
  return segments;
}

export function parseRouteTemplate(template: string): RouteSegment[] {
  const trimmed = template
    .trim()
    .replace(/^~?\/+/, '')
    .replace(/\/+$/, '');
  if (trimmed === '') return [];
  const segments = splitSegments(trimmed).map((segment, index) => {
    if (segment === '') throw new RouteTemplateError(template, `empty segment ${index + 1}`);
    return parseSegment(segment, template);
  });
  segments.forEach((segment, index) => {
    const catchAll = segment.parts.find((part) => part.kind === 'parameter' && part.catchAll);
    if (catchAll && (index !== segments.length - 1 || segment.parts.length !== 1)) {
      throw new RouteTemplateError(template, 'a catch-all parameter must be the whole last segment');
    }
  });
  return segments;
}
