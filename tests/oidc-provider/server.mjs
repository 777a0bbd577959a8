// A real OpenID provider (oidc-provider) on loopback for the single sign-on tests. One client, accounts read from a JSON
// file the test writes (re-read at every use, so a test changes someone's groups between sign-ins), a plain sign-in page
// of its own (the library's development pages load web fonts from elsewhere), consent taken as given, back-channel
// logout, and RS256 keys made at start.
//
// node server.mjs --port 4400 --issuer http://127.0.0.1:4400 --client-id seccomms --client-secret s3cret \
//   --redirect-uri http://127.0.0.1:5000/signin-oidc --backchannel-logout-uri http://127.0.0.1:5000/signin-oidc/backchannel-logout \
//   --accounts /tmp/accounts.json
//
// accounts.json: { "ada": { "password": "…", "email": "ada@example.com", "email_verified": true, "name": "Ada", "groups": ["secops"] } }
//
// Test routes, for what a test cannot make a real provider do:
//   POST /test/sign   body: JSON claims (and "header" for extra header fields) → a JWT signed with the provider's key.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    issuer: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    'backchannel-logout-uri': { type: 'string' },
    'post-logout-redirect-uri': { type: 'string', multiple: true },
    accounts: { type: 'string' },
  },
});
for (const required of ['port', 'issuer', 'client-id', 'client-secret', 'redirect-uri', 'accounts']) {
  if (!args[required]) {
    console.error(`--${required} is required`);
    process.exit(2);
  }
}

const accounts = () => JSON.parse(readFileSync(args.accounts, 'utf8'));

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomBytes(8).toString('hex');
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(args.issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    redirect_uris: args['redirect-uri'],
    post_logout_redirect_uris: args['post-logout-redirect-uri'] ?? [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...(args['backchannel-logout-uri']
      ? { backchannel_logout_uri: args['backchannel-logout-uri'], backchannel_logout_session_required: true }
      : {}),
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // The ID token carries the claims itself, as most providers send them, rather than only from the userinfo endpoint.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: (ctx, form) => {
        ctx.body = page('Sign out', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      postLogoutSuccessSource: (ctx) => {
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
  },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, id) => {
    const account = accounts()[id];
    if (!account) {
      return undefined;
    }
    return {
      accountId: id,
      claims: () => ({
        sub: id,
        email: account.email,
        email_verified: account.email_verified ?? true,
        name: account.name,
        groups: account.groups ?? [],
      }),
    };
  },
  // Every scope and claim this one client asks for is granted without a consent page.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
    await grant.save();
    return grant;
  },
  // Its outgoing requests refuse special-use addresses, loopback among them; here the only one it makes is the
  // back-channel logout to the SecComms host under test on loopback.
  fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Error', `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
});
provider.proxy = false;
provider.on('backchannel.error', (ctx, error, client, accountId, sid) => console.error(`back-channel logout to ${client.clientId} failed: ${error} ${error.cause ?? ""}`));
provider.on('backchannel.success', (ctx, client, accountId, sid) => console.log(`back-channel logout of ${accountId} (${sid}) sent to ${client.clientId}`));

const readBody = (req) => new Promise((resolve, reject) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(body));
  req.on('error', reject);
});

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const signJwt = ({ header, ...claims }) => {
  const head = base64url({ alg: 'RS256', kid, ...header });
  const payload = base64url(claims);
  const signature = sign('sha256', Buffer.from(`${head}.${payload}`), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
  return `${head}.${payload}.${signature.toString('base64url')}`;
};

const interaction = async (req, res, uid) => {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    res.writeHead(400).end('wrong interaction');
    return;
  }
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Sign in to the test provider', `
<form method="post" action="/interaction/${escape(uid)}">
  <p><label for="username">Username</label> <input id="username" name="username" required></p>
  <p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
  <p><button type="submit">Continue</button></p>
</form>`));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const account = accounts()[form.get('username')];
  if (!account || account.password !== form.get('password')) {
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Wrong username or password', `<p><a href="/interaction/${escape(uid)}">Try again</a></p>`));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: form.get('username') } }, { mergeWithLastSubmission: false });
};

const callback = provider.callback();
createServer(async (req, res) => {
  try {
    const path = new URL(req.url, args.issuer).pathname;
    const match = path.match(/^\/interaction\/([^/]+)$/);
    if (match) {
      await interaction(req, res, match[1]);
    } else if (path === '/test/sign' && req.method === 'POST') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(signJwt(JSON.parse(await readBody(req))));
    } else {
      callback(req, res);
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain' });
    }
    res.end(String(error));
  }
}).listen(Number(args.port), '127.0.0.1', () => console.log(`listening on ${args.issuer}`));
