/**
 * ASP.NET Core inline route constraints, as the Functions host applies them to route parameters.
 * Unknown constraints are tolerated (accept any value) with a one-time warning, so a template the
 * real host understands never breaks the dev host.
 */

export type ConstraintCheck = (value: string) => boolean;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function isGuid(value: string): boolean {
  const bare = value.startsWith('{') && value.endsWith('}') ? value.slice(1, -1) : value;
  return GUID.test(bare);
}

function numbers(args: string): number[] {
  return args.split(',').map((arg) => Number(arg.trim()));
}

function inRange(value: string, min: number, max: number): boolean {
  if (!INTEGER.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

const warned = new Set<string>();

/** Builds the check for one constraint expression such as `int`, `min(1)` or `regex(^a+$)`. */
export function compileConstraint(
  expression: string,
  warn: (message: string) => void = console.warn,
): ConstraintCheck {
  const open = expression.indexOf('(');
  const name = (open < 0 ? expression : expression.slice(0, open)).trim().toLowerCase();
  const args = open < 0 ? '' : expression.slice(open + 1, expression.lastIndexOf(')'));
  const [a = Number.NaN, b = Number.NaN] = numbers(args);
  switch (name) {
    case 'int':
      return (v) => inRange(v, -2147483648, 2147483647);
    case 'long':
      return (v) => INTEGER.test(v);
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'decimal':
    case 'double':
    case 'float':
      return (v) => DECIMAL.test(v);
    case 'guid':
      return isGuid;
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'min':
      return (v) => INTEGER.test(v) && Number(v) >= a;
    case 'max':
      return (v) => INTEGER.test(v) && Number(v) <= a;
    case 'range':
      return (v) => inRange(v, a, b);
    case 'minlength':
      return (v) => v.length >= a;
    case 'maxlength':
      return (v) => v.length <= a;
    case 'length':
      return Number.isNaN(b) ? (v) => v.length === a : (v) => v.length >= a && v.length <= b;
    case 'required':
      return (v) => v.length > 0;
    case 'regex': {
      // ASP.NET matches case-insensitively and does not anchor for you.
      const pattern = new RegExp(args, 'i');
      return (v) => pattern.test(v);
    }
    default:
      if (!warned.has(name)) {
        warned.add(name);
        warn(`dev host: route constraint "${name}" is not emulated; any value matches`);
      }
      return () => true;
  }
}
