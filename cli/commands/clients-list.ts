import { SETTING } from '../../shared/settings/setting-names.js';
import { splitList } from '../../shared/settings/site-settings.js';
import type { Command } from '../command.js';
import { notFound } from '../errors.js';
import { optionalString, requiredSite, TABLE_HELP } from '../options.js';
import { openStore } from '../store/open-store.js';
import { settingValue } from '../store/site-settings-store.js';
import { validClientId } from '../validation.js';
import { CLIENT_OPTIONS, storedClient } from './client-settings.js';

/** A per-client setting name, capturing the client id. */
const CLIENT_SETTING =
  /^ImplicitGrantFlow\/([^/]+)\/(RedirectUri|PostLogoutRedirectUri|AllowRefreshTokens)$/i;

export const clientsList: Command = {
  path: 'clients list',
  summary: 'list registered clients with their redirect URIs, post-logout URIs and refresh tokens',
  usage: 'clients list --site S [--client-id C]',
  help: `Also lists per-client settings of clients that are not registered (they have no effect).

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const site = requiredSite(context.values);
    const only = optionalString(context.values, 'client-id');
    if (only !== undefined) validClientId(only);
    const rows = await (await openStore(context)).readExisting(site);
    const registered = splitList(settingValue(rows, SETTING.registeredClientId));
    // Per-client settings whose client is not registered: worth seeing, they are usually leftovers.
    const orphans = [
      ...new Set(
        [...rows.values()]
          .map((row) => CLIENT_SETTING.exec(row.name)?.[1])
          .filter(
            (id): id is string =>
              id !== undefined && !registered.some((r) => r.toLowerCase() === id.toLowerCase()),
          ),
      ),
    ];
    const clients = [
      ...registered.map((id) => ({ id, registered: true })),
      ...orphans.map((id) => ({ id, registered: false })),
    ]
      .filter((client) => only === undefined || client.id === only)
      .map((client) => ({ ...client, ...storedClient(rows, client.id) }));
    if (only !== undefined && clients.length === 0)
      throw notFound(`client '${only}' is not registered for site '${site}'`);
    const text = clients.flatMap((client) => [
      `${client.id}${client.registered ? '' : ' (not registered: its settings have no effect)'}`,
      ...client.redirectUris.map((uri) => `  ${uri}`),
      ...client.postLogoutRedirectUris.map((uri) => `  post-logout ${uri}`),
      ...(client.allowRefreshTokens ? ['  refresh tokens allowed'] : []),
    ]);
    return { text, json: { site, clients } };
  },
};
