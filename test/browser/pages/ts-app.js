// The relying party under test: oidc-client-ts's UserManager in the authorization code flow with
// PKCE (the only flow the library supports), set up from /config.js. Text only, never innerHTML.
/* global oidc */
const config = window.PORTAL_STS;
oidc.Log.setLogger(console);
oidc.Log.setLevel(oidc.Log.WARN);

const userManager = new oidc.UserManager({
  authority: config.authority,
  client_id: config.clientId,
  redirect_uri: config.codeRedirectUri,
  response_type: 'code',
  scope: 'openid profile email offline_access',
  loadUserInfo: true,
  monitorSession: false,
  automaticSilentRenew: false,
});

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function view(user) {
  return {
    profile: user.profile,
    id_token: user.id_token,
    access_token: user.access_token,
    refresh_token: user.refresh_token,
    token_type: user.token_type,
    scope: user.scope,
    expired: user.expired,
  };
}

async function callback() {
  const result = document.getElementById('result');
  try {
    const user = await userManager.signinRedirectCallback();
    window.signedInUser = view(user);
    show('sub', user.profile.sub);
    show('email', user.profile.email ?? '');
    result.dataset.state = 'signed-in';
  } catch (error) {
    show('error', error.error ?? error.message);
    result.dataset.state = 'error';
  }
}

async function renew() {
  const renewal = document.getElementById('renewal');
  try {
    // With a refresh token in the stored user, signinSilent uses it (no iframe, no session).
    window.renewedUser = view(await userManager.signinSilent());
    renewal.dataset.state = 'renewed';
  } catch (error) {
    renewal.textContent = error.error ?? error.message;
    renewal.dataset.state = 'error';
  }
}

if (document.body.dataset.page === 'callback') {
  document.getElementById('renew').addEventListener('click', renew);
  callback();
} else {
  document.getElementById('sign-in').addEventListener('click', () => {
    userManager.signinRedirect().catch((error) => show('status', `signinRedirect failed: ${error.message}`));
  });
  document.body.dataset.ready = 'true';
}
