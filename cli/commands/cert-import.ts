import { resolve } from 'node:path';
import type { ImportCertificateOptions } from '@azure/keyvault-certificates';
import { thumbprintOf } from '../../shared/certs/keyvault-properties.js';
import { activate, publish } from '../../shared/settings/rotation.js';
import { type CertificateFile, checkForPowerPages, readCertificateFile } from '../certificate-checks.js';
import type { Command } from '../command.js';
import { CliError, EXIT, usageError } from '../errors.js';
import {
  optionalString,
  requiredSite,
  requiredString,
  SITE_OPTION,
  TABLE_HELP,
  TABLE_OPTIONS,
} from '../options.js';
import { changeRotation } from '../site-rotation.js';
import { openStore } from '../store/open-store.js';
import { openCertificateClient, VAULT_OPTION, vaultUrl } from '../vault.js';

const VAULT_NAME = /^[A-Za-z0-9-]{1,127}$/;

/**
 * Key Vault imports PEM only with an unencrypted PKCS#8 key, while admins' PEM files often hold a
 * PKCS#1 or encrypted key: send the certificates as they are and the key re-encoded. The bundle
 * exists only in memory, on its way to the vault.
 */
function pemForKeyVault(file: CertificateFile): Buffer {
  const certificates =
    file.bytes.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const key = file.privateKey?.export({ type: 'pkcs8', format: 'pem' }).toString() ?? '';
  return Buffer.from(`${certificates.join('\n')}\n${key}`);
}

/**
 * @azure/keyvault-certificates 4.10.3 reads `policy.contentType` to send the PEM as text, but its
 * request serializer only sends `certificatePolicy`: without both, Key Vault is told nothing
 * and takes the PEM text for a PFX. Remove `certificatePolicy` once the SDK sends `policy`.
 */
function pemImportOptions(): ImportCertificateOptions {
  const contentType = 'application/x-pem-file';
  return {
    policy: { contentType },
    certificatePolicy: { secretProperties: { contentType } },
  } as ImportCertificateOptions;
}

export const certImport: Command = {
  path: 'cert import',
  summary: 'check a certificate as Power Pages does and import it into Key Vault',
  usage: 'cert import --vault URL --file FILE --name NAME [--password P] [--site S (--publish | --activate)]',
  help: `Checks first: a private key that matches, RSA of 2048+ bits or EC P-256, a SHA-2 signature, not
expired (a warning within 30 days of expiry). Then imports a .pfx as it is, or a .pem (certificate
and key in one file) with content type application/x-pem-file, and prints the thumbprint.

  --vault URL       the vault (default env KEY_VAULT_URL)
  --file FILE       the .pfx/.p12 or .pem file
  --name NAME       the Key Vault certificate name (letters, digits, hyphen); an existing name gets a new version
  --password P      the PFX (or encrypted PEM key) password; prefer env PORTAL_STS_CERT_PASSWORD
  --site S --publish    then add it to the site's Upcoming keys (see cert publish)
  --site S --activate   then make it the site's signing key (see cert activate)

${TABLE_HELP}`,
  options: {
    ...VAULT_OPTION,
    ...SITE_OPTION,
    ...TABLE_OPTIONS,
    file: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    publish: { type: 'boolean' },
    activate: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(context) {
    const { values, io } = context;
    const password = optionalString(values, 'password') ?? (io.env.PORTAL_STS_CERT_PASSWORD || undefined);
    context.addSecret(password);
    const path = resolve(io.cwd, requiredString(values, 'file'));
    const name = requiredString(values, 'name');
    if (!VAULT_NAME.test(name))
      throw usageError(`'${name}' is not a Key Vault certificate name (letters, digits, hyphen)`);
    const url = vaultUrl(values, io.env);
    if (!url) throw usageError('--vault is required (or set KEY_VAULT_URL)');
    const step = values.activate === true ? 'activate' : values.publish === true ? 'publish' : undefined;
    if (values.activate === true && values.publish === true)
      throw usageError('give --publish or --activate, not both');
    const site = step || values.site !== undefined ? requiredSite(values) : undefined;
    if (site && !step) throw usageError('--site needs --publish or --activate');
    // The store and the site are checked before anything is imported, so a typo cannot leave half the job done.
    const store = site ? await openStore(context) : undefined;
    if (store && site) await store.readExisting(site);

    const file = await readCertificateFile(path, password);
    const now = io.now();
    const checked = checkForPowerPages(file, now);
    const client = await openCertificateClient(url);
    const imported =
      file.format === 'pem'
        ? await client.importCertificate(name, pemForKeyVault(file), pemImportOptions())
        : await client.importCertificate(name, file.bytes, { password });
    const vaultThumbprint = thumbprintOf(imported.properties);
    if (vaultThumbprint !== checked.thumbprint) {
      throw new CliError(
        EXIT.failed,
        `the vault reports thumbprint ${vaultThumbprint ?? 'none'} for ${checked.thumbprint}`,
      );
    }
    const warnings = [...checked.warnings];
    const text = [
      `imported ${name}/${imported.properties.version ?? ''} into ${url}`,
      `thumbprint: ${checked.thumbprint}`,
      `key: ${checked.key}, signature: ${checked.signatureAlgorithm}, expires ${checked.notAfter.toISOString()}`,
    ];
    if (store && site && step) {
      const result = await changeRotation(
        store,
        site,
        (state) =>
          step === 'activate' ? activate(state, checked.thumbprint, now) : publish(state, checked.thumbprint),
        { siteMustExist: true },
      );
      warnings.push(...result.warnings);
      text.push(`${step === 'activate' ? 'activated' : 'published'} for ${site}`);
    } else text.push(`next: portal-sts cert publish --site SITE --thumbprint ${checked.thumbprint}`);
    return {
      text,
      json: {
        name,
        version: imported.properties.version ?? null,
        thumbprint: checked.thumbprint,
        key: checked.key,
        signatureAlgorithm: checked.signatureAlgorithm,
        subject: checked.subject,
        expiresOn: checked.notAfter.toISOString(),
        ...(site ? { site, [step === 'activate' ? 'activated' : 'published']: true } : {}),
      },
      warnings,
    };
  },
};
