import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client.js';
import { useMe } from '../api/queries.js';
import type { Me } from '../api/types.js';
import { ErrorState } from '../components/ErrorState.js';

/** Renders the signed-in part of the app, or sends the person to the login page. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/dang-nhap?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.error || !me.data) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  return <Outlet />;
}

/** Whether the person only holds the plain member role (no registry or oversight role). */
export function isPlainMember(me: Me): boolean {
  return me.grants.length > 0 && me.grants.every((g) => g.role === 'member');
}

/**
 * Where a person starts: a plain member (or a member with no home unit) on "Của tôi", where an
 * open meeting's check-in sits at the top (ADR 036); everyone else on their home unit.
 */
export function homePath(me: Me): string {
  if (me.member && (isPlainMember(me) || me.homeUnitId === null)) return '/cua-toi';
  if (me.homeUnitId !== null) return `/don-vi/${me.homeUnitId}`;
  return '/tai-khoan';
}

export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  return <Navigate to={homePath(me.data)} replace />;
}
