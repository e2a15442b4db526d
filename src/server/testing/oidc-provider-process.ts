// Child process of startTestOidcProvider(): a real OpenID Connect provider (the certified `oidc-provider`
// package) on a free loopback port, with its development login and consent screens. The login name typed on
// the login screen is the account's subject; KUULO_TEST_OIDC_ACCOUNTS (JSON) gives accounts their claims.
import http from 'node:http';
import Provider from 'oidc-provider';

interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}
type Claims = Record<string, string | boolean>;

const client = JSON.parse(process.env.KUULO_TEST_OIDC_CLIENT ?? '{}') as TestClient;
const accounts = JSON.parse(process.env.KUULO_TEST_OIDC_ACCOUNTS ?? '{}') as Record<string, Claims>;

// Listen first: the issuer URL has to contain the port.
const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the claims in the ID token too, as many enterprise IdPs do; Kuulo also reads userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['kuulo-test-oidc-cookie-key'] },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, ...(accounts[id] ?? {}) };
        },
      };
    },
  });
  // The development screens warn on every start; a test run does not need the noise.
  provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-provider: ${String(error)}\n`));
  server.on('request', provider.callback());
  process.send?.({ type: 'listening', issuer });
});

process.on('disconnect', () => server.close(() => process.exit(0)));
