// oidc-provider ships no types; the reference server (oidc-provider-server.ts) uses it untyped.
declare module 'oidc-provider';
