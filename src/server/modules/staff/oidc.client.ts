import * as client from 'openid-client';

// The OpenID Connect relying party: authorization code flow with PKCE, state and nonce, against any provider
// that publishes discovery metadata. Only the identity (issuer, subject, e-mail) leaves this file.

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  redirectUri: string;
}

/** Kept in the browser (a signed, HttpOnly cookie) between the redirect to the provider and the callback. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface OidcClient {
  begin(next: string): Promise<{ url: string; flow: OidcFlow }>;
  /** Exchanges the code (checking state, nonce, PKCE and the ID token) and returns who signed in. */
  complete(callbackUrl: URL, flow: OidcFlow): Promise<OidcIdentity>;
}

/** Plain http only to a provider on this machine (development and tests); anything else must use https. */
function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  function configuration(): Promise<client.Configuration> {
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
    discovered ??= client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        // A provider that was down at the first sign-in must not stay "down" until a restart.
        discovered = undefined;
        throw error;
      });
    return discovered;
  }

  return {
    async begin(next) {
      const config = await configuration();
      const flow: OidcFlow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        next,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, flow };
    },

    async complete(callbackUrl, flow) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      let email = typeof claims.email === 'string' ? claims.email : null;
      let verified = claims.email_verified === true;
      let name = typeof claims.name === 'string' ? claims.name : null;
      // Many providers keep the ID token lean and give e-mail and name only from userinfo.
      if (email === null && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : null;
        verified = info.email_verified === true;
        name ??= typeof info.name === 'string' ? info.name : null;
      }
      return { issuer: String(claims.iss), subject: claims.sub, email, emailVerified: verified, name };
    },
  };
}
