import { app, type InvocationContext, type Timer } from '@azure/functions';
import { checkCertificateExpiry } from '../shared/keys/certificate-expiry.js';
import { namedCertificates } from '../shared/keys/named-certificates.js';
import { getServices } from '../shared/services.js';
import { createSettingsTableClient } from '../shared/settings/table-client.js';

/**
 * Hourly: warns 30 days and errs 7 days before a followed certificate expires with no newer
 * version, so an operator's alert (on log lines starting `certificate-expiry:`) fires while there
 * is time to renew. Which certificates: see namedCertificates.
 */
export async function certificateExpiryHandler(_timer: Timer, context: InvocationContext): Promise<void> {
  const services = await getServices();
  const { config } = services;
  const client = await createSettingsTableClient(config.settings);
  const defaultName = config.certificates.source === 'keyvault' ? config.certificates.defaultName : undefined;
  const certificates = await namedCertificates(client, defaultName);
  await checkCertificateExpiry(services.certificates, certificates, new Date(), (level, message) =>
    level === 'info' ? context.log(message) : context[level](message),
  );
}

app.timer('certificate-expiry', { schedule: '0 0 * * * *', handler: certificateExpiryHandler });
