import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { getSession, setSession } from '../../session';
import { ErrorMessage, formatDate, Loading, Page } from '../../ui';

const KeyInfo = graphql(`
  query PartnerKey {
    currentPartner {
      id
      name
      keyIssuedAt
    }
  }
`);

const Rotate = graphql(`
  mutation RotateKey {
    rotateCurrentPartnerKey {
      apiKey
      partner {
        id
        keyIssuedAt
      }
    }
  }
`);

export default function PartnerKeyPage() {
  const [{ data, fetching, error }] = useQuery({ query: KeyInfo, requestPolicy: 'network-only' });
  const [rotating, rotate] = useMutation(Rotate);
  const [confirming, setConfirming] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  if (error)
    return (
      <Page title="API key">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="API key">
        <Loading />
      </Page>
    );
  return (
    <Page title="API key">
      <p>Current key issued {formatDate(data?.currentPartner?.keyIssuedAt)}.</p>
      {newKey ? (
        <section className="card" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">Your new key (shown once)</h2>
          <p>Copy it now: Credence keeps only its hash. The previous key no longer works.</p>
          <label htmlFor="new-key">New API key</label>
          <input id="new-key" readOnly value={newKey} onFocus={(e) => e.target.select()} />
        </section>
      ) : !confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          Rotate key…
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="rotate-heading" className="card">
          <h2 id="rotate-heading">Replace your key? Integrations using the current one stop at once.</h2>
          {rotating.error && <ErrorMessage error={rotating.error} />}
          <div className="row">
            <button
              type="button"
              className="danger"
              disabled={rotating.fetching}
              onClick={async () => {
                const result = await rotate({});
                const apiKey = result.data?.rotateCurrentPartnerKey.apiKey;
                if (apiKey) {
                  setNewKey(apiKey);
                  if (getSession()?.kind === 'partner') setSession({ kind: 'partner', apiKey });
                }
              }}
            >
              Yes, rotate
            </button>
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </Page>
  );
}
