/**
 * Evaluates the small subset of Bicep expressions the templates use to derive values (strings,
 * numbers, booleans, identifiers, `a.b.c`, ternaries, + - == != && || !, and a few functions), so
 * a test can check what a template computes for given parameters instead of how it is spelled.
 * Anything else throws: a test never passes on an expression it could not read.
 */
import type { Node } from 'web-tree-sitter';

export type Value = string | number | boolean;
export type Env = Record<string, Value>;

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  empty: (v) => v === '' || v === undefined,
  endsWith: (s, suffix) => String(s).endsWith(String(suffix)),
  startsWith: (s, prefix) => String(s).startsWith(String(prefix)),
  substring: (s, start, length) => String(s).substr(Number(start), Number(length)),
  length: (s) => String(s).length,
  toLower: (s) => String(s).toLowerCase(),
  string: (v) => String(v),
};

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

function field(node: Node, name: string): Node {
  const child = node.childForFieldName(name);
  if (!child) throw new Error(`no ${name} in ${node.type}`);
  return child;
}

export function evaluate(node: Node | null | undefined, env: Env): Value {
  if (!node) throw new Error('nothing to evaluate');
  switch (node.type) {
    case 'string':
      return named(node)
        .map((part) =>
          part.type === 'interpolation'
            ? String(evaluate(named(part)[0], env))
            : part.text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)),
        )
        .join('');
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'identifier':
    case 'member_expression': {
      const value = env[node.text];
      if (value === undefined) throw new Error(`unknown ${node.text}`);
      return value;
    }
    case 'parenthesized_expression':
      return evaluate(named(node)[0], env);
    case 'ternary_expression':
      return evaluate(field(node, 'condition'), env)
        ? evaluate(field(node, 'consequence'), env)
        : evaluate(field(node, 'alternative'), env);
    case 'unary_expression':
      if (node.text.startsWith('!')) return !evaluate(named(node)[0], env);
      break;
    case 'binary_expression': {
      const left = evaluate(field(node, 'left'), env);
      const right = evaluate(field(node, 'right'), env);
      const operator = node.children.find((c) => c && !c.isNamed)?.text;
      if (operator === '-') return Number(left) - Number(right);
      if (operator === '+') return Number(left) + Number(right);
      if (operator === '==') return left === right;
      if (operator === '!=') return left !== right;
      if (operator === '&&') return Boolean(left && right);
      if (operator === '||') return Boolean(left || right);
      break;
    }
    case 'call_expression': {
      const fn = FUNCTIONS[field(node, 'function').text];
      const args = named(field(node, 'arguments')).map((arg) => evaluate(arg, env));
      if (fn) return fn(...args);
      break;
    }
  }
  throw new Error(`cannot evaluate ${node.type}: ${node.text}`);
}
