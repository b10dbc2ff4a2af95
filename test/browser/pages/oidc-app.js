// The relying party under test: oidc-client's UserManager in the implicit flow, set up from
// /config.js (the dev host's URL is only known when the test runs). Text only, never innerHTML.
/* global Oidc */
const config = window.PORTAL_STS;
// The library's warnings and errors reach the test's page log, printed when a test fails.
Oidc.Log.logger = console;
Oidc.Log.level = Oidc.Log.WARN;

function userManager() {
  return new Oidc.UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.oidcRedirectUri,
    response_type: 'id_token token',
    scope: 'openid profile email',
    // The callback is a new document: the choice made at sign-in travels in sessionStorage.
    loadUserInfo: sessionStorage.getItem('loadUserInfo') !== 'false',
    // The provider publishes no check_session_iframe.
    monitorSession: false,
  });
}

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function signIn(args, loadUserInfo) {
  sessionStorage.setItem('loadUserInfo', String(loadUserInfo));
  show('status', 'Redirecting...');
  userManager()
    .signinRedirect(args)
    .catch((error) => show('status', `signinRedirect failed: ${error.message}`));
}

async function callback() {
  const result = document.getElementById('result');
  try {
    const user = await userManager().signinRedirectCallback();
    // What the test reads back: the library's own view of the signed-in user.
    window.signedInUser = {
      profile: user.profile,
      id_token: user.id_token,
      access_token: user.access_token,
      token_type: user.token_type,
      scope: user.scope,
      expires_in: user.expires_in,
      expired: user.expired,
    };
    show('sub', user.profile.sub);
    show('email', user.profile.email ?? '');
    show('given-name', user.profile.given_name ?? '');
    show('expired', String(user.expired));
    show('access-token', user.access_token);
    result.dataset.state = 'signed-in';
  } catch (error) {
    // An OAuth error response is an ErrorResponse with .error; anything else is a plain Error.
    show('error', error.error ?? error.message);
    show('error-description', error.error_description ?? '');
    result.dataset.state = 'error';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (document.body.dataset.page === 'callback') {
    callback();
    return;
  }
  document.getElementById('sign-in').addEventListener('click', () => signIn({}, true));
  document.getElementById('sign-in-no-userinfo').addEventListener('click', () => signIn({}, false));
  document
    .getElementById('sign-in-prompt-none')
    .addEventListener('click', () => signIn({ prompt: 'none' }, false));
  document.body.dataset.ready = 'true';
});
