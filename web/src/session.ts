/**
 * Who the app acts as: a person (a bearer token: development sign-in or OpenID Connect) or a partner (an API
 * key). Kept in sessionStorage: it ends with the tab, and another site cannot read it.
 */
import { useSyncExternalStore } from 'react';

export type Session =
  { kind: 'person'; token: string; userId: string } | { kind: 'partner'; apiKey: string } | null;

const KEY = 'credence.session';
const listeners = new Set<() => void>();
let current: Session = read();

function read(): Session {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session): void {
  current = session;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export function getSession(): Session {
  return current;
}

export function useSession(): Session {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** The headers that authenticate the session's GraphQL requests. */
export function authHeaders(session: Session): Record<string, string> {
  if (session?.kind === 'person') return { authorization: `Bearer ${session.token}` };
  if (session?.kind === 'partner') return { 'x-api-key': session.apiKey };
  return {};
}
