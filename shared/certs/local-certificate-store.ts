import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { StsError } from '../errors/sts-error.js';
import type { BackendLog } from '../resilience/resilient-cache.js';
import type { DefaultResolvingStore } from './caching-certificate-store.js';
import { Pkcs12PasswordError } from './pkcs12-password-error.js';
import { readCertificateBytes } from './read-certificate-file.js';
import { createSigningKey, type SigningKey } from './signing-key.js';
import { certificateThumbprint } from './thumbprint.js';

const CERTIFICATE_EXTENSIONS = new Set(['.pfx', '.p12', '.pem']);

export interface LocalCertificateStoreOptions {
  dir: string;
  /** LOCAL_CERTIFICATES_PASSWORD: the password of the .pfx files (and of encrypted PEM keys). */
  password?: string | undefined;
  /** DEFAULT_CERTIFICATE_NAME: `<name>.pfx` or `<name>.pem` is the default certificate. */
  defaultName: string;
  log?: BackendLog | undefined;
}

/**
 * Signing certificates from a folder, for development (CERTIFICATE_SOURCE=local). The folder is
 * read on every call; the caching wrapper makes that rare. A file that cannot be read is skipped
 * with a warning, so one broken file does not take down the certificates next to it.
 */
export class LocalCertificateStore implements DefaultResolvingStore {
  readonly #options: LocalCertificateStoreOptions;

  constructor(options: LocalCertificateStoreOptions) {
    this.#options = options;
  }

  async get(thumbprint: string | undefined): Promise<SigningKey> {
    if (thumbprint === undefined) return this.#getDefault();
    for (const file of await this.#listFiles()) {
      const pair = await this.#read(file);
      if (pair && certificateThumbprint(pair.certificate) === thumbprint) {
        return createSigningKey(pair.certificate, pair.privateKey);
      }
    }
    throw new StsError('PortalSTS0018', {
      detail: `no certificate in the local folder has thumbprint ${thumbprint}`,
    });
  }

  /** The default certificate's thumbprint, for the caching wrapper's periodic re-check. */
  async resolveDefaultThumbprint(): Promise<string> {
    return (await this.#getDefault()).thumbprint;
  }

  async #getDefault(): Promise<SigningKey> {
    const { defaultName } = this.#options;
    const files = await this.#listFiles();
    for (const extension of ['.pfx', '.pem']) {
      const file = files.find((name) => name === `${defaultName}${extension}`);
      const pair = file ? await this.#read(file) : undefined;
      if (pair) return createSigningKey(pair.certificate, pair.privateKey);
    }
    throw new StsError('PortalSTS0018', {
      detail: `the local folder has no readable ${defaultName}.pfx or ${defaultName}.pem (DEFAULT_CERTIFICATE_NAME)`,
    });
  }

  async #listFiles(): Promise<string[]> {
    try {
      const entries = await readdir(this.#options.dir, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile() && CERTIFICATE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      throw new StsError('PortalSTS0011', {
        detail: `the local certificate folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        cause: error,
      });
    }
  }

  async #read(file: string) {
    try {
      const bytes = await readFile(join(this.#options.dir, file));
      try {
        return await readCertificateBytes(bytes, this.#options.password);
      } catch (error) {
        // The folder may mix password-less files with ones protected by LOCAL_CERTIFICATES_PASSWORD.
        if (!(error instanceof Pkcs12PasswordError) || !this.#options.password) throw error;
        return await readCertificateBytes(bytes);
      }
    } catch (error) {
      // The message names the problem (wrong password, not a certificate), never the file's content.
      this.#options.log?.('warn', `skipping certificate file ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }
}
