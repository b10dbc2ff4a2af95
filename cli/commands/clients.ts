import { redirectUriSettingName, SETTING } from '../../shared/settings/setting-names.js';
import { splitList } from '../../shared/settings/site-settings.js';
import type { Command, CommandContext } from '../command.js';
import { notFound, usageError } from '../errors.js';
import {
  optionalString,
  requiredSite,
  requiredString,
  SITE_OPTION,
  stringList,
  TABLE_HELP,
  TABLE_OPTIONS,
} from '../options.js';
import { openStore } from '../store/open-store.js';
import { settingValue } from '../store/site-settings-store.js';
import { validClientId, validRedirectUri } from '../validation.js';

const CLIENT_OPTIONS = {
  ...SITE_OPTION,
  ...TABLE_OPTIONS,
  'client-id': { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
} as const;

const RULES = `Client ids: at most 36 letters, digits and hyphens; case-sensitive, and never two that differ only
in case (they would share one redirect-URI setting). Redirect URIs: absolute, https (http only
for localhost, 127.0.0.1 and [::1]), no fragment, no user name or password.`;

/** Merges without duplicates, keeping the stored order and then the new items in the order given. */
const merge = (stored: string[], added: string[]) => [...new Set([...stored, ...added])];

function clientArguments(context: CommandContext) {
  return {
    site: requiredSite(context.values),
    clientId: validClientId(requiredString(context.values, 'client-id')),
    redirectUris: stringList(context.values, 'redirect-uri').map(validRedirectUri),
  };
}

export const clientsAdd: Command = {
  path: 'clients add',
  summary: 'register a client id and merge its redirect URIs',
  usage: 'clients add --site S --client-id C [--redirect-uri U ...]',
  help: `Adds C to ${SETTING.registeredClientId} and the URIs to ${redirectUriSettingName('C')}, both in one
transaction. Running it again adds only what is missing.

${RULES}

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const { site, clientId, redirectUris } = clientArguments(context);
    const store = await openStore(context);
    const rows = await store.read(site);
    const uriSetting = redirectUriSettingName(clientId);
    const registered = splitList(settingValue(rows, SETTING.registeredClientId));
    const sameButCase = registered.find(
      (id) => id !== clientId && id.toLowerCase() === clientId.toLowerCase(),
    );
    if (sameButCase) {
      throw usageError(
        `'${clientId}' differs from the registered client '${sameButCase}' only in case: client ids are case-sensitive, and the two would share one redirect-URI setting`,
      );
    }
    const clients = merge(registered, [clientId]);
    const uris = merge(splitList(settingValue(rows, uriSetting)), redirectUris);
    await store.commit(site, rows, {
      [SETTING.registeredClientId]: clients.join(';'),
      ...(uris.length > 0 ? { [uriSetting]: uris.join(';') } : {}),
    });
    const warnings = rows.size === 0 ? [`site '${site}' had no settings: it now exists`] : [];
    return {
      text: [`${clientId} registered for ${site}`, ...uris.map((uri) => `  redirect URI ${uri}`)],
      json: { site, clientId, redirectUris: uris },
      warnings,
    };
  },
};

export const clientsRemove: Command = {
  path: 'clients remove',
  summary: 'unregister a client (or, with --redirect-uri, only remove those URIs)',
  usage: 'clients remove --site S --client-id C [--redirect-uri U ...]',
  help: `Without --redirect-uri: removes C from ${SETTING.registeredClientId} and deletes
${redirectUriSettingName('C')}. With it: removes only those redirect URIs.

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const { site, clientId, redirectUris } = clientArguments(context);
    const store = await openStore(context);
    const rows = await store.readExisting(site);
    const uriSetting = redirectUriSettingName(clientId);
    const clients = splitList(settingValue(rows, SETTING.registeredClientId));
    const uris = splitList(settingValue(rows, uriSetting));
    if (redirectUris.length > 0) {
      const missing = redirectUris.filter((uri) => !uris.includes(uri));
      if (missing.length > 0) throw notFound(`${clientId} has no redirect URI ${missing.join(', ')}`);
      const kept = uris.filter((uri) => !redirectUris.includes(uri));
      await store.commit(site, rows, { [uriSetting]: kept.length > 0 ? kept.join(';') : undefined });
      return {
        text: redirectUris.map((uri) => `removed redirect URI ${uri}`),
        json: { site, clientId, redirectUris: kept },
      };
    }
    if (!clients.includes(clientId) && uris.length === 0) {
      throw notFound(`client '${clientId}' is not registered for site '${site}'`);
    }
    const remaining = clients.filter((id) => id !== clientId);
    await store.commit(site, rows, {
      [SETTING.registeredClientId]: remaining.length > 0 ? remaining.join(';') : undefined,
      [uriSetting]: undefined,
    });
    return { text: [`${clientId} removed from ${site}`], json: { site, clientId, removed: true } };
  },
};

export const clientsList: Command = {
  path: 'clients list',
  summary: 'list registered clients and their redirect URIs',
  usage: 'clients list --site S [--client-id C]',
  help: `Also lists redirect URI settings of clients that are not registered (they have no effect).

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const only = optionalString(context.values, 'client-id');
    if (only !== undefined) validClientId(only);
    const rows = await (await openStore(context)).readExisting(site);
    const registered = splitList(settingValue(rows, SETTING.registeredClientId));
    // Redirect URI settings whose client is not registered: worth seeing, they are usually leftovers.
    const orphans = [...rows.values()]
      .map((row) => /^ImplicitGrantFlow\/([^/]+)\/RedirectUri$/i.exec(row.name)?.[1])
      .filter(
        (id): id is string =>
          id !== undefined && !registered.some((r) => r.toLowerCase() === id.toLowerCase()),
      );
    const clients = [
      ...registered.map((id) => ({ id, registered: true })),
      ...orphans.map((id) => ({ id, registered: false })),
    ]
      .filter((client) => only === undefined || client.id === only)
      .map((client) => ({
        ...client,
        redirectUris: splitList(settingValue(rows, redirectUriSettingName(client.id))),
      }));
    if (only !== undefined && clients.length === 0)
      throw notFound(`client '${only}' is not registered for site '${site}'`);
    const text = clients.flatMap((client) => [
      `${client.id}${client.registered ? '' : ' (not registered: its redirect URIs have no effect)'}`,
      ...client.redirectUris.map((uri) => `  ${uri}`),
    ]);
    return { text, json: { site, clients } };
  },
};
