// The demo app: plain browser JavaScript, no build step, no CDN (the machines are offline).
// Everything is written with textContent, never innerHTML: token claims are user data.

const CLIENT_ID = 'demo-app';
const $ = (id) => document.getElementById(id);

/** A short random value of the characters Power Pages accepts for state and nonce (max 20). */
function randomValue() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 20);
}

function base64UrlToBytes(text) {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

function decodeJson(part) {
  return JSON.parse(new TextDecoder().decode(base64UrlToBytes(part)));
}

async function showUser() {
  try {
    const response = await fetch('/.auth/me', { credentials: 'same-origin', cache: 'no-store' });
    const identities = await response.json();
    const me = Array.isArray(identities) ? identities[0] : undefined;
    $('user-status').textContent = me
      ? `Signed in as ${me.user_id} (provider ${me.provider_name}).`
      : 'Not signed in.';
    $('sign-in').hidden = Boolean(me);
    $('sign-out').hidden = !me;
  } catch {
    $('user-status').textContent = 'Could not read /.auth/me.';
  }
}

/**
 * The sign-in location from X-Responded-JSON, coming back to this page afterwards. The service
 * sets the return URL to the request's own URL (the token endpoint, as Power Pages does); landing
 * there after sign-in would show, or download, a bare JWT instead of this page.
 */
function signInLocation(location) {
  const url = new URL(location, window.location.href);
  if (url.origin !== window.location.origin) throw new Error('Refusing an off-site sign-in location.');
  if (url.searchParams.has('post_login_redirect_uri')) {
    url.searchParams.set('post_login_redirect_uri', window.location.pathname + window.location.search);
  }
  return url.pathname + url.search;
}

/**
 * Calls the token endpoint as Power Pages' client script does: an XMLHttpRequest with
 * X-Requested-With, so an anonymous caller gets 200 + X-Responded-JSON (status 401 and the
 * sign-in location) instead of a redirect the XHR would silently follow.
 */
function requestToken(state, nonce) {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams({ client_id: CLIENT_ID, state, nonce, response_type: 'token' });
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `/_services/auth/token?${query}`);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.onload = () => {
      const envelope = xhr.getResponseHeader('X-Responded-JSON');
      if (envelope) {
        const parsed = JSON.parse(envelope);
        if (parsed.status === 401 && parsed.headers && parsed.headers.location) {
          window.location.assign(signInLocation(parsed.headers.location));
          return reject(new Error('Not signed in: going to the sign-in page...'));
        }
      }
      if (xhr.status !== 200)
        return reject(new Error(`The token endpoint answered ${xhr.status}: ${xhr.responseText}`));
      resolve({
        token: xhr.responseText,
        state: xhr.getResponseHeader('state'),
        expiresIn: xhr.getResponseHeader('expires_in'),
      });
    };
    xhr.onerror = () => reject(new Error('The token request failed.'));
    xhr.send();
  });
}

/** The WebCrypto parameters of the JWS algorithms the service signs with. */
function algorithmOf(alg) {
  if (alg === 'RS256')
    return {
      importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      verifyAs: { name: 'RSASSA-PKCS1-v1_5' },
    };
  // ES256 signatures in a JWS are raw r||s, which is exactly what WebCrypto's ECDSA expects.
  if (alg === 'ES256')
    return { importAs: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAs: { name: 'ECDSA', hash: 'SHA-256' } };
  throw new Error(`Unexpected alg ${alg}`);
}

/** Verifies the token as an API would: against the PEM that /_services/auth/publickey serves. */
async function verifySignature(token, alg) {
  const pem = await (await fetch('/_services/auth/publickey', { cache: 'no-store' })).text();
  const base64 = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  const { importAs, verifyAs } = algorithmOf(alg);
  const key = await crypto.subtle.importKey('spki', der, importAs, false, ['verify']);
  const [header, payload, signature] = token.split('.');
  const signed = new TextEncoder().encode(`${header}.${payload}`);
  return crypto.subtle.verify(verifyAs, key, base64UrlToBytes(signature), signed);
}

async function getToken() {
  const status = $('token-status');
  status.className = '';
  status.textContent = 'Requesting...';
  $('token-result').hidden = true;
  try {
    const state = randomValue();
    const nonce = randomValue();
    const { token, state: echoedState, expiresIn } = await requestToken(state, nonce);
    const [headerPart, claimsPart] = token.split('.');
    const header = decodeJson(headerPart);
    const claims = decodeJson(claimsPart);
    $('jwt-header').textContent = JSON.stringify(header, null, 2);
    $('jwt-claims').textContent = JSON.stringify(claims, null, 2);
    $('jwt-raw').textContent = token;

    const valid = await verifySignature(token, header.alg);
    const checks = [valid ? 'signature valid' : 'signature INVALID'];
    checks.push(echoedState === state ? 'state echoed' : 'state NOT echoed');
    checks.push(claims.nonce === nonce ? 'nonce matches' : 'nonce does NOT match');
    const signature = $('signature');
    signature.textContent = `${header.alg}: ${checks.join(', ')}`;
    signature.className = `verdict ${valid && echoedState === state && claims.nonce === nonce ? 'valid' : 'invalid'}`;
    const expires = new Date(claims.exp * 1000);
    $('expiry').textContent =
      `Expires ${expires.toLocaleString()} (expires_in ${expiresIn} s, issued ${new Date(claims.iat * 1000).toLocaleTimeString()}).`;
    $('token-result').hidden = false;
    status.textContent = '';
  } catch (error) {
    status.className = 'error';
    status.textContent = error.message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('get-token').addEventListener('click', getToken);
  showUser();
});
