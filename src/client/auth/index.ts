export type {
  AuthOptions,
  BasicAuthOptions,
  BearerAuthOptions,
  OAuthOptions,
} from './auth-options.js';
export { type Credentials, createCredentials, sameAuth } from './credentials.js';
export { BasicAuthProvider, BearerAuthProvider } from './fixed-header-providers.js';
export { checkTokenResponse, OAuthTokenSource, type TokenRequester } from './oauth-token-source.js';
export { tokenRequester } from './token-request.js';
