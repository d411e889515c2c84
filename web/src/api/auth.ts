// The /auth endpoints as plain async functions: the only code that knows their paths.
import { makeClient, unwrap, type Client } from './client';
import type { LoginRequest, RegisterRequest, TokenPair, User } from './types';

export interface AuthApi {
  register(body: RegisterRequest): Promise<User>;
  login(body: LoginRequest): Promise<TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
  logout(refreshToken: string): Promise<void>;
  me(accessToken: string): Promise<User>;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function authApi(client: Client): AuthApi {
  return {
    register: (body) => unwrap(client.POST('/auth/register', { body })),
    login: (body) => unwrap(client.POST('/auth/login', { body })),
    refresh: (refresh_token) => unwrap(client.POST('/auth/refresh', { body: { refresh_token } })),
    logout: async (refresh_token) => {
      await unwrap(client.POST('/auth/logout', { body: { refresh_token } }));
    },
    me: (token) => unwrap(client.GET('/auth/me', { headers: bearer(token) })),
  };
}

/** The app's client, talking to the server that served it. */
export const defaultAuthApi = (language: () => string): AuthApi => authApi(makeClient(location.origin, language));
