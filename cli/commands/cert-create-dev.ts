import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDevCertificate } from '../../dev/dev-certificate.js';
import type { Command } from '../command.js';
import { usageError } from '../errors.js';
import { optionalString } from '../options.js';

const NAME = /^[A-Za-z0-9-]{1,127}$/;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export const certCreateDev: Command = {
  path: 'cert create-dev',
  summary: 'create a self-signed development certificate in the local store',
  usage: 'cert create-dev [--dir DIR] [--name NAME] [--key rsa|ec] [--force]',
  help: `Writes DIR/NAME.pem (certificate and private key, mode 0600) for CERTIFICATE_SOURCE=local and prints
its path and thumbprint. Never for production: the key is a file on this machine.

  --dir DIR       default .data/certificates (LOCAL_CERTIFICATES_DIR of npm start)
  --name NAME     default portal-sts-signing (the default DEFAULT_CERTIFICATE_NAME)
  --key rsa|ec    RSA 2048 (RS256, default) or EC P-256 (ES256)
  --force         replace an existing NAME.pem or NAME.pfx (its key is lost)`,
  options: {
    dir: { type: 'string' },
    name: { type: 'string' },
    key: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run({ values, io }) {
    const dir = resolve(io.cwd, optionalString(values, 'dir') ?? join('.data', 'certificates'));
    const name = optionalString(values, 'name') ?? 'portal-sts-signing';
    if (!NAME.test(name)) throw usageError(`'${name}' is not a certificate name (letters, digits, hyphen)`);
    const keyType = optionalString(values, 'key') ?? 'rsa';
    if (keyType !== 'rsa' && keyType !== 'ec') throw usageError('--key must be rsa or ec');
    // Overwriting would lose a key that tokens in flight, or a site's thumbprint, may depend on.
    for (const extension of ['.pem', '.pfx']) {
      const existing = join(dir, `${name}${extension}`);
      if (values.force !== true && (await exists(existing))) {
        throw usageError(`${existing} exists: pass --force to replace it, or choose another --name`);
      }
    }
    const { path, thumbprint } = await createDevCertificate({ dir, name, keyType });
    // The local store prefers NAME.pfx to NAME.pem as the default, so a kept .pfx would still sign.
    const shadowing = join(dir, `${name}.pfx`);
    const warnings = (await exists(shadowing))
      ? [`${shadowing} still exists and is the local store's default: delete it to sign with ${path}`]
      : [];
    return {
      text: [`created ${path}`, `thumbprint: ${thumbprint}`],
      json: { path, thumbprint, key: keyType },
      warnings,
    };
  },
};
