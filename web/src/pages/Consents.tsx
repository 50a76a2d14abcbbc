import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConsentScope } from '../gql/graphql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../ui';

const MyConsents = graphql(`
  query MyConsents {
    me {
      id
      consents {
        partner {
          id
          name
        }
        scopes
        grantedAt
        expiresAt
        revokedAt
        active
      }
    }
    perks(first: 100) {
      edges {
        node {
          id
          partner {
            id
            name
          }
        }
      }
    }
  }
`);

const Grant = graphql(`
  mutation GrantConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) {
      active
    }
  }
`);

const Revoke = graphql(`
  mutation RevokeConsent($partnerId: ID!) {
    revokeConsent(partnerId: $partnerId)
  }
`);

const SCOPES: { scope: ConsentScope; label: string }[] = [
  { scope: 'ELIGIBILITY', label: 'Check my eligibility for perks (yes/no)' },
  { scope: 'SCORE_BAND', label: 'Also see my score band (never the score)' },
  { scope: 'EVENTS', label: 'Report how I keep commitments' },
];

export default function ConsentsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyConsents, requestPolicy: 'network-only' });
  const [granting, grant] = useMutation(Grant);
  const [revoking, revoke] = useMutation(Revoke);
  const [partnerId, setPartnerId] = useState('');
  const [scopes, setScopes] = useState<ConsentScope[]>(['ELIGIBILITY']);
  const [expires, setExpires] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (error)
    return (
      <Page title="Consents">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Consents">
        <Loading />
      </Page>
    );
  const consents = data?.me?.consents ?? [];
  const partners = new Map<string, string>();
  for (const edge of data?.perks.edges ?? []) partners.set(edge.node.partner.id, edge.node.partner.name);
  const chosen = partnerId || [...partners.keys()][0] || '';
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await grant({
      input: {
        partnerId: chosen,
        scopes,
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      },
    });
    if (!result.error) {
      setMessage(`Consent granted to ${partners.get(chosen) ?? chosen}.`);
      refresh();
    }
  };

  return (
    <Page title="Consents">
      <p>
        Partners can check you only with your consent, and only for what you allow. Revoke it at any time.
      </p>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {(granting.error || revoking.error) && <ErrorMessage error={(granting.error ?? revoking.error)!} />}
      <h2>Your consents</h2>
      {consents.length === 0 ? (
        <p>You have given no consent.</p>
      ) : (
        <TableRegion label="Your consents">
          <table data-testid="consents">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Allows</th>
                <th scope="col">Granted</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.map((c) => (
                <tr key={c.partner.id}>
                  <td>{c.partner.name}</td>
                  <td>{c.scopes.map(words).join(', ')}</td>
                  <td>{formatDate(c.grantedAt)}</td>
                  <td>{c.expiresAt ? formatDate(c.expiresAt) : 'Never'}</td>
                  <td>{c.active ? 'Active' : c.revokedAt ? 'Revoked' : 'Expired'}</td>
                  <td>
                    {c.active && (
                      <button
                        type="button"
                        disabled={revoking.fetching}
                        onClick={async () => {
                          const result = await revoke({ partnerId: c.partner.id });
                          if (!result.error) {
                            setMessage(`Consent to ${c.partner.name} revoked.`);
                            refresh();
                          }
                        }}
                      >
                        Revoke consent to {c.partner.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>Grant a consent</h2>
      {partners.size === 0 ? (
        <p>No partner offers perks yet.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="consent-partner">Partner</label>
          <select id="consent-partner" value={chosen} onChange={(e) => setPartnerId(e.target.value)}>
            {[...partners].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>What may they do?</legend>
            {SCOPES.map(({ scope, label }) => (
              <div key={scope} className="check">
                <input
                  id={`scope-${scope}`}
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) =>
                    setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                  }
                />
                <label htmlFor={`scope-${scope}`}>{label}</label>
              </div>
            ))}
          </fieldset>
          <label htmlFor="consent-expires">Expires on (optional)</label>
          <input
            id="consent-expires"
            type="date"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
          <div>
            <button type="submit" disabled={granting.fetching || scopes.length === 0 || !chosen}>
              Grant consent
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
