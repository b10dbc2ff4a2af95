// Builds an authorize request with response_mode=form_post to this site's echo callback. The
// test chooses nonce, state (and anything else) through this page's query, which wins over the
// defaults. The URL goes into an href property: the query is never parsed as HTML.
const config = window.PORTAL_STS;

document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.formPostRedirectUri,
    response_type: 'id_token token',
    response_mode: 'form_post',
    scope: 'openid profile email',
    nonce: crypto.randomUUID(),
    state: crypto.randomUUID(),
  });
  for (const [name, value] of new URLSearchParams(window.location.search)) params.set(name, value);
  const link = document.getElementById('authorize');
  link.href = `${config.authority}/oauth2/v1/auth?${params}`;
  link.hidden = false;
});
