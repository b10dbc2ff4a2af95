import { SETTING } from '../../shared/settings/setting-names.js';
import type { Command } from '../command.js';
import { notFound, usageError } from '../errors.js';
import { TABLE_HELP } from '../options.js';
import {
  CLIENT_OPTIONS,
  clientSettingNames,
  listValue,
  merge,
  openClientChange,
  RULES,
} from './client-settings.js';

export { clientsList } from './clients-list.js';

const names = clientSettingNames('C');

export const clientsAdd: Command = {
  path: 'clients add',
  summary: 'register a client id and merge its redirect URIs',
  usage:
    'clients add --site S --client-id C [--redirect-uri U ...] [--post-logout-redirect-uri U ...] [--allow-refresh-tokens]',
  help: `Adds C to ${SETTING.registeredClientId}, the URIs to ${names.redirectUris} and the
post-logout URIs to ${names.postLogoutRedirectUris}; --allow-refresh-tokens sets
${names.allowRefreshTokens} to True (the client may get refresh tokens with offline_access).
All in one transaction. Running it again adds only what is missing.

${RULES}

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const change = await openClientChange(context, { siteMustExist: false });
    const { args, site, clientId, store, rows, setting, stored, registered } = change;
    const sameButCase = registered.find(
      (id) => id !== clientId && id.toLowerCase() === clientId.toLowerCase(),
    );
    if (sameButCase) {
      throw usageError(
        `'${clientId}' differs from the registered client '${sameButCase}' only in case: client ids are case-sensitive, and the two would share one redirect-URI setting`,
      );
    }
    const clients = merge(registered, [clientId]);
    const uris = merge(stored.redirectUris, args.redirectUris);
    const logoutUris = merge(stored.postLogoutRedirectUris, args.postLogoutRedirectUris);
    const allowRefreshTokens = stored.allowRefreshTokens || args.allowRefreshTokens;
    await store.commit(site, rows, {
      [SETTING.registeredClientId]: clients.join(';'),
      ...(uris.length > 0 ? { [setting.redirectUris]: uris.join(';') } : {}),
      ...(logoutUris.length > 0 ? { [setting.postLogoutRedirectUris]: logoutUris.join(';') } : {}),
      ...(args.allowRefreshTokens ? { [setting.allowRefreshTokens]: 'True' } : {}),
    });
    const warnings = rows.size === 0 ? [`site '${site}' had no settings: it now exists`] : [];
    return {
      text: [
        `${clientId} registered for ${site}`,
        ...uris.map((uri) => `  redirect URI ${uri}`),
        ...logoutUris.map((uri) => `  post-logout redirect URI ${uri}`),
        ...(allowRefreshTokens ? ['  refresh tokens allowed'] : []),
      ],
      json: { site, clientId, redirectUris: uris, postLogoutRedirectUris: logoutUris, allowRefreshTokens },
      warnings,
    };
  },
};

export const clientsRemove: Command = {
  path: 'clients remove',
  summary: 'unregister a client (or, with URIs or --allow-refresh-tokens, only remove those)',
  usage:
    'clients remove --site S --client-id C [--redirect-uri U ...] [--post-logout-redirect-uri U ...] [--allow-refresh-tokens]',
  help: `Without other options: removes C from ${SETTING.registeredClientId} and deletes
${names.redirectUris}, ${names.postLogoutRedirectUris} and ${names.allowRefreshTokens}.
With --redirect-uri or --post-logout-redirect-uri: removes only those URIs. With
--allow-refresh-tokens: deletes ${names.allowRefreshTokens} (no new refresh tokens; existing
ones stop working at their next use).

${TABLE_HELP}`,
  options: CLIENT_OPTIONS,
  positionals: { min: 0, max: 0 },
  async run(context) {
    const change = await openClientChange(context, { siteMustExist: true });
    const { args, site, clientId, store, rows, setting, stored, registered: clients } = change;
    const partial =
      args.redirectUris.length > 0 || args.postLogoutRedirectUris.length > 0 || args.allowRefreshTokens;
    if (partial) {
      const missing = [
        ...args.redirectUris.filter((uri) => !stored.redirectUris.includes(uri)),
        ...args.postLogoutRedirectUris.filter((uri) => !stored.postLogoutRedirectUris.includes(uri)),
      ];
      if (missing.length > 0) throw notFound(`${clientId} has no such URI: ${missing.join(', ')}`);
      const kept = stored.redirectUris.filter((uri) => !args.redirectUris.includes(uri));
      const keptLogout = stored.postLogoutRedirectUris.filter(
        (uri) => !args.postLogoutRedirectUris.includes(uri),
      );
      await store.commit(site, rows, {
        ...(args.redirectUris.length > 0 ? { [setting.redirectUris]: listValue(kept) } : {}),
        ...(args.postLogoutRedirectUris.length > 0
          ? { [setting.postLogoutRedirectUris]: listValue(keptLogout) }
          : {}),
        ...(args.allowRefreshTokens ? { [setting.allowRefreshTokens]: undefined } : {}),
      });
      return {
        text: [
          ...args.redirectUris.map((uri) => `removed redirect URI ${uri}`),
          ...args.postLogoutRedirectUris.map((uri) => `removed post-logout redirect URI ${uri}`),
          ...(args.allowRefreshTokens ? ['refresh tokens no longer allowed'] : []),
        ],
        json: {
          site,
          clientId,
          redirectUris: kept,
          postLogoutRedirectUris: keptLogout,
          allowRefreshTokens: stored.allowRefreshTokens && !args.allowRefreshTokens,
        },
      };
    }
    const anything =
      stored.redirectUris.length > 0 || stored.postLogoutRedirectUris.length > 0 || stored.allowRefreshTokens;
    if (!clients.includes(clientId) && !anything) {
      throw notFound(`client '${clientId}' is not registered for site '${site}'`);
    }
    await store.commit(site, rows, {
      [SETTING.registeredClientId]: listValue(clients.filter((id) => id !== clientId)),
      [setting.redirectUris]: undefined,
      [setting.postLogoutRedirectUris]: undefined,
      [setting.allowRefreshTokens]: undefined,
    });
    return { text: [`${clientId} removed from ${site}`], json: { site, clientId, removed: true } };
  },
};
