/** How certificate stores report what an operator should see (a skipped file, a stale default). */
export type CertificateStoreLog = (level: 'info' | 'warn' | 'error', message: string) => void;

export const silentLog: CertificateStoreLog = () => {};
