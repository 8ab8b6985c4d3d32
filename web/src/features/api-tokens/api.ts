/** Personal API tokens (ADR 039): list mine, create one (the secret comes back once), revoke. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: TokenStatus;
}

export interface CreatedToken {
  id: number;
  name: string;
  prefix: string;
  expiresAt: string | null;
  /** The secret: shown once, never again. */
  token: string;
}

export const tokenKeys = { mine: ['api-tokens'] as const };

export function useMyTokens() {
  return useQuery({
    queryKey: tokenKeys.mine,
    queryFn: () => api.get<{ items: ApiToken[]; total: number }>('/api/me/api-tokens'),
  });
}

export function createToken(name: string, expiresInDays: number) {
  return api.post<CreatedToken>('/api/me/api-tokens', { name, expiresInDays });
}

export function revokeToken(id: number) {
  return api.del<void>(`/api/me/api-tokens/${id}`);
}
