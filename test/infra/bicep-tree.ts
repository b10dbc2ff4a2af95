/**
 * Bicep, parsed with tree-sitter-bicep (there is no Bicep compiler on the test machines). The infra
 * tests walk these syntax trees instead of matching text, so a comment or a string that merely
 * mentions a property cannot satisfy (or break) a check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, type Node, Parser } from 'web-tree-sitter';

export type { Node } from 'web-tree-sitter';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const infraDir = path.join(repoRoot, 'infra');

async function loadParser(): Promise<Parser> {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
  const language = await Language.load(wasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// The promise, not the parser, is cached: a second concurrent Parser.init() would re-create the
// WebAssembly module under a grammar loaded into the first ("Incompatible language version 0").
let parser: Promise<Parser> | undefined;

/** The Bicep parser, loaded once. web-tree-sitter 0.25 reads grammars of ABI 13 to 15 (bicep: 14). */
export function bicepParser(): Promise<Parser> {
  parser ??= loadParser();
  return parser;
}

export interface BicepFile {
  /** Path relative to the repo root, with forward slashes. */
  file: string;
  source: string;
  root: Node;
}

export async function parseBicepSource(source: string, file = '<inline>'): Promise<BicepFile> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${file}`);
  return { file, source, root: tree.rootNode };
}

export async function parseBicep(absolutePath: string): Promise<BicepFile> {
  const file = path.relative(repoRoot, absolutePath).split(path.sep).join('/');
  return parseBicepSource(readFileSync(absolutePath, 'utf8'), file);
}

/** Every file under infra/ ending in the given extension, recursively. */
export function infraFiles(extension: string): string[] {
  return (readdirSync(infraDir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(infraDir, name))
    .sort();
}

export async function parseAllBicep(): Promise<BicepFile[]> {
  return Promise.all(infraFiles('.bicep').map((file) => parseBicep(file)));
}

/** The first ERROR or MISSING node in document order, if any. */
export function firstSyntaxError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  for (const child of root.children) {
    if (!child) continue;
    if (child.type === 'ERROR' || child.isMissing) return child;
    const inner = firstSyntaxError(child);
    if (inner) return inner;
  }
  return root.type === 'ERROR' || root.isMissing ? root : undefined;
}

/** `file:line:column` of a node, 1-based, for failure messages. */
export function where(file: BicepFile, node: Node): string {
  return `${file.file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
}

export function descendants(node: Node, type: string): Node[] {
  return node.descendantsOfType(type).filter((n): n is Node => n !== null);
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null);
}

/** The text of a string literal without its quotes, or undefined if it interpolates. */
export function stringLiteral(node: Node | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = named(node);
  if (parts.some((part) => part.type === 'interpolation')) return undefined;
  return parts.map((part) => part.text).join('');
}

/** An object property's key: an identifier, or a quoted string such as 'azd-service-name'. */
export function propertyKey(property: Node): string {
  const key = named(property)[0];
  if (!key) return '';
  return stringLiteral(key) ?? key.text;
}

export function properties(object: Node | undefined): Node[] {
  return object ? named(object).filter((n) => n.type === 'object_property') : [];
}

/** The value node of `key:` in an object literal (keys compare case-insensitively, as ARM does). */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  const property = properties(object).find((p) => propertyKey(p).toLowerCase() === key.toLowerCase());
  return property ? named(property)[1] : undefined;
}

/** Follows a path of keys through nested object literals. */
export function valueAt(object: Node | undefined, ...keys: string[]): Node | undefined {
  let node = object;
  for (const key of keys) {
    if (node?.type !== 'object') return undefined;
    node = propertyValue(node, key);
  }
  return node;
}

export interface Declaration {
  file: BicepFile;
  node: Node;
  /** The symbolic name. */
  name: string;
  /** For resources: 'Microsoft.Web/sites'; for modules: the module path. */
  target: string;
  /** For resources: the API version after '@'. */
  apiVersion: string;
  /** The body object literal, also when the declaration is conditional (`= if (...) { }`). */
  body: Node | undefined;
  existing: boolean;
}

function bodyOf(node: Node): Node | undefined {
  for (const child of named(node)) {
    if (child.type === 'object') return child;
    if (child.type === 'if_statement' || child.type === 'for_statement') {
      const object = child.descendantsOfType('object')[0];
      if (object) return object;
    }
  }
  return undefined;
}

function declarations(file: BicepFile, type: 'resource_declaration' | 'module_declaration'): Declaration[] {
  return descendants(file.root, type).map((node) => {
    const [id, target] = named(node);
    const text = stringLiteral(target) ?? target?.text ?? '';
    const [resourceType = '', apiVersion = ''] =
      type === 'resource_declaration' ? text.split('@') : [text, ''];
    return {
      file,
      node,
      name: id?.text ?? '',
      target: resourceType,
      apiVersion,
      body: bodyOf(node),
      existing: node.children.some((c) => c?.type === 'existing'),
    };
  });
}

export function resources(file: BicepFile): Declaration[] {
  return declarations(file, 'resource_declaration');
}

export function modules(file: BicepFile): Declaration[] {
  return declarations(file, 'module_declaration');
}

export interface Parameter {
  name: string;
  hasDefault: boolean;
  node: Node;
}

export function parameters(file: BicepFile): Parameter[] {
  return named(file.root)
    .filter((n) => n.type === 'parameter_declaration')
    .map((node) => {
      const children = named(node);
      // `param name type` or `param name type = default`: a default adds a third named child.
      return { name: children[0]?.text ?? '', hasDefault: children.length > 2, node };
    });
}

export interface Variable {
  name: string;
  value: Node | undefined;
  /** A `// comment` on the same line, after the declaration. */
  trailingComment: string | undefined;
}

export function variables(file: BicepFile): Variable[] {
  return named(file.root)
    .filter((n) => n.type === 'variable_declaration')
    .map((node) => {
      const [id, value] = named(node);
      const next = node.nextNamedSibling;
      const sameLine = next?.type === 'comment' && next.startPosition.row === node.endPosition.row;
      return {
        name: id?.text ?? '',
        value,
        trailingComment: sameLine ? next.text.replace(/^\/\/\s*/, '').trim() : undefined,
      };
    });
}

/** Calls in a file, by function name (`listKeys` matches both `listKeys(x)` and `x.listKeys()`). */
export function calls(file: BicepFile, functionName: string): Node[] {
  return descendants(file.root, 'call_expression').filter((call) => {
    const callee = named(call)[0];
    if (!callee) return false;
    const last = callee.type === 'member_expression' ? named(callee).at(-1) : callee;
    return last?.text.toLowerCase() === functionName.toLowerCase();
  });
}

export function argumentsOf(call: Node): Node[] {
  const args = named(call).find((n) => n.type === 'arguments');
  return args ? named(args).filter((n) => n.type !== 'comment') : [];
}
