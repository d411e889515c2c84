// Request and response types named by endpoint, so callers survive a rename of the server's schema components.
import type { components, paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type RequestOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type User = JsonOf<paths['/auth/me']['get']['responses'][200]>;
export type Role = User['role'];
export type TokenPair = JsonOf<paths['/auth/login']['post']['responses'][200]>;
export type RegisterRequest = RequestOf<paths['/auth/register']['post']>;
export type LoginRequest = RequestOf<paths['/auth/login']['post']>;

/** The body the server sends with every non-2xx status. */
export type ErrorBody = components['schemas']['ErrorBody'];
export type ErrorCode = components['schemas']['ErrorCode'];
