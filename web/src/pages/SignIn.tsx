import { useEffect, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { OidcConfig } from '../oidc';
import { setSession } from '../session';
import { ErrorMessage, Page } from '../ui';

interface DemoPerson {
  id: string;
  handle: string;
  displayName: string | null;
}

async function devToken(userId: string): Promise<string> {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `Sign-in failed (HTTP ${response.status})`);
  return body.token;
}

/** Checks a partner key before keeping it: the partner's own record answers only to a valid key. */
async function partnerName(apiKey: string): Promise<string> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query: '{ currentPartner { name } }' }),
  });
  const body = (await response.json()) as {
    data?: { currentPartner: { name: string } | null };
    errors?: { message: string }[];
  };
  const name = body.data?.currentPartner?.name;
  if (!name) throw new Error(body.errors?.[0]?.message ?? 'That API key is not accepted');
  return name;
}

export function SignInPage() {
  const [, navigate] = useLocation();
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const [devAvailable, setDevAvailable] = useState(true);
  const [oidc, setOidc] = useState<OidcConfig | null>(null);
  const [accountId, setAccountId] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/app/config.json')
      .then(async (response) => {
        const config = (await response.json()) as { devSignIn: boolean; oidc: OidcConfig | null };
        setOidc(config.oidc);
        setDevAvailable(config.devSignIn);
        if (!config.devSignIn) return;
        const people = await fetch('/dev/people');
        if (!people.ok) throw new Error('no development sign-in');
        setPeople(((await people.json()) as { people: DemoPerson[] }).people);
      })
      .catch(() => setDevAvailable(false));
  }, []);

  const signInWithProvider = async () => {
    setBusy(true);
    setError(null);
    try {
      // Loaded on demand: only people who use the provider download the OpenID Connect client.
      const { startSignIn } = await import('../oidc');
      await startSignIn(oidc!);
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };

  const signInAs = async (userId: string) => {
    setBusy(true);
    setError(null);
    try {
      setSession({ kind: 'person', token: await devToken(userId), userId });
      navigate('/score');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const signInPartner = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await partnerName(apiKey.trim());
      setSession({ kind: 'partner', apiKey: apiKey.trim() });
      navigate('/partner/perks');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in">
      <p>Credence shows you your trust score, every point of it explained, and who checked you.</p>
      {error && <ErrorMessage error={error} />}
      <section aria-labelledby="person-heading">
        <h2 id="person-heading">As a person</h2>
        {oidc && (
          <p>
            <button type="button" disabled={busy} onClick={() => void signInWithProvider()}>
              Sign in with your identity provider
            </button>
          </p>
        )}
        {devAvailable ? (
          <>
            <p>Development sign-in: pick a demo person (this server mints you a short-lived token).</p>
            {people === null ? (
              <p role="status">Loading demo people…</p>
            ) : (
              <ul className="people">
                {people.map((person) => (
                  <li key={person.id}>
                    <button type="button" disabled={busy} onClick={() => void signInAs(person.id)}>
                      Sign in as {person.displayName ?? person.handle}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void signInAs(accountId.trim());
              }}
            >
              <label htmlFor="account-id">Or another account id</label>
              <div className="row">
                <input
                  id="account-id"
                  value={accountId}
                  onChange={(e) => setAccountId(e.target.value)}
                  autoComplete="off"
                />
                <button type="submit" disabled={busy || accountId.trim() === ''}>
                  Sign in
                </button>
              </div>
            </form>
          </>
        ) : (
          !oidc && <p>No sign-in for people is configured on this server.</p>
        )}
      </section>
      <section aria-labelledby="partner-heading">
        <h2 id="partner-heading">As a partner</h2>
        <form onSubmit={(event) => void signInPartner(event)}>
          <label htmlFor="api-key">API key</label>
          <div className="row">
            <input
              id="api-key"
              type="password"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              autoComplete="off"
            />
            <button type="submit" disabled={busy || apiKey.trim() === ''}>
              Sign in as partner
            </button>
          </div>
        </form>
      </section>
    </Page>
  );
}
