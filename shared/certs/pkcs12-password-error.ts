import { ServiceError } from '../errors/service-error.js';

/**
 * The PFX is intact but the password is not its password (the admin CLI reports this one apart).
 * Its own module, so that callers can recognise it without loading the PKCS#12 reader.
 */
export class Pkcs12PasswordError extends ServiceError {
  constructor() {
    super('pkcs12_password', 'the PKCS#12 password is wrong');
  }
}
