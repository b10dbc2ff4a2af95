import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getServices } from '../shared/services.js';

/**
 * Deletes the authorization codes and refresh token families that have expired and that nobody
 * presented again (those that are presented are deleted on that read). Every 15 minutes: a
 * filtered query per table, then one conditional delete per expired row.
 */
export async function grantsCleanup(_timer: Timer, context: InvocationContext): Promise<void> {
  const services = await getServices();
  const now = Date.now();
  const codes = await services.codes.sweepExpired(now);
  const refreshFamilies = await services.refreshTokens.sweepExpired(now);
  context.log(`grants cleanup: ${codes} codes, ${refreshFamilies} refresh token families deleted`);
}

app.timer('grants-cleanup', {
  schedule: '0 */15 * * * *',
  handler: grantsCleanup,
});
