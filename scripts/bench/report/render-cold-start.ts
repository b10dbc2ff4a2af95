import { fixed, list, table, verdict } from '../lib/format.js';
import type { ColdStartResult, ColdStartVariant } from '../sections/cold-start.js';
import { FIRST_TOKEN_TARGET_MS, LOAD_TARGET_MS } from './targets.js';

const ms0 = (value: number) => fixed(value, 0);
const backendName = (variant: ColdStartVariant) =>
  variant.backend === 'local' ? 'Azurite + local certificate folder' : 'Azurite + Key Vault test server';

export function renderColdStart(result: ColdStartResult): string {
  const rows = result.variants.map((variant) => [
    variant.build,
    backendName(variant),
    `${ms0(variant.load.median)} / ${ms0(variant.load.p90)}`,
    `${ms0(variant.registeredAt.median)} / ${ms0(variant.registeredAt.p90)}`,
    `${ms0(variant.firstToken.median)} / ${ms0(variant.firstToken.p90)}`,
    `${verdict(variant.load.median < LOAD_TARGET_MS)} / ${verdict(variant.firstToken.median < FIRST_TOKEN_TARGET_MS)}`,
    variant.vaultRequests.length > 0 ? list(variant.vaultRequests) : '-',
  ]);
  const raw = result.variants.map((variant) => [
    `${variant.build}, ${backendName(variant)}`,
    list(variant.load.samples, ms0),
    list(variant.firstToken.samples, ms0),
  ]);
  const count = (build: 'unbundled' | 'bundled') => result.files[build].length;
  return `## 4. Cold start

${result.runs} fresh \`node\` processes per variant (plain node, no TypeScript loader), the four variants
alternating run by run. Each process installs the functions-core stand-in (what the Functions worker
provides), imports every function module, then calls the exported \`tokenHandler\` once with a
signed-in request: empty caches, real local backends.

- **module load**: from the first function module import to all of them imported, which is when
  every \`app.http(...)\` has registered (@azure/functions itself is loaded by the first module, so it
  is included). **from process start**: the same end point measured from the process's start
  (\`performance.now()\`), so Node's own start-up is included.
- **first token after load**: from the end of loading to the token handler's 200 response: building
  the services from the app settings, the Table read, the certificate (file, or Key Vault with its
  managed identity token), and the signature.
- **unbundled**: \`dist/functions/*.js\` from \`npm run build\` (${count('unbundled')} modules, with their
  imports resolved file by file from node_modules). **bundled**: \`dist/bundle/functions/*.js\` from
  \`npm run bundle\` (scripts/bundle.mjs, esbuild: ${count('bundled')} entry files, shared code in chunks,
  \`@azure/functions\` external). The Key Vault and identity SDKs are dynamic imports in the source
  (shared/certs/keyvault-certificate-store.ts, shared/settings/table-client.ts), so neither build loads
  them before the first Key Vault call; in the bundle they are chunks loaded then.

Figures are median / p90 in ms. Targets: module load under ${LOAD_TARGET_MS} ms, first token under ${FIRST_TOKEN_TARGET_MS} ms after load.

${table(
  [
    'build',
    'backends',
    'module load',
    'from process start',
    'first token after load',
    'targets (load / first token)',
    'Key Vault requests per process',
  ],
  rows,
)}

Raw figures, in run order (ms):

${table(['variant', 'module load', 'first token after load'], raw)}

The bundle is what ships: \`npm run build\` runs \`tsc\` and then the bundler, and the package's
\`main\` names \`dist/bundle/functions/*.js\` (the chunks are in a subfolder, so the glob matches the
entry files only); @azure/functions stays in node_modules.
`;
}
