import { useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../gql';
import type { CheckOneQuery } from '../../gql/graphql';
import { ErrorMessage, formatDate, Page, words } from '../../ui';
import { PerkSelect } from './PerkSelect';

const CheckOne = graphql(`
  query CheckOne($perkId: ID!, $userId: ID!) {
    eligibility(perkId: $perkId, userId: $userId) {
      userId
      eligible
      reasons
      checkedAt
      validUntil
      retryAfter
      band
    }
  }
`);

export default function PartnerCheckPage() {
  const client = useClient();
  const [perkId, setPerkId] = useState('');
  const [userId, setUserId] = useState('');
  const [result, setResult] = useState<CheckOneQuery['eligibility'] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    // Every check is logged and shown to the person: never cached, always asked.
    const answer = await client
      .query(CheckOne, { perkId, userId: userId.trim() }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    if (answer.error) setError(answer.error);
    else if (answer.data) setResult(answer.data.eligibility);
  };

  return (
    <Page title="Check a person">
      <p>The person must have given you ELIGIBILITY consent. They will see this check.</p>
      <form onSubmit={(event) => void submit(event)}>
        <PerkSelect value={perkId} onChange={setPerkId} />
        <label htmlFor="check-user">Person id</label>
        <input id="check-user" required value={userId} onChange={(e) => setUserId(e.target.value)} />
        <div>
          <button type="submit" disabled={busy || !perkId || userId.trim() === ''}>
            Check
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} />}
      {result && (
        <section aria-live="polite" className="card" data-testid="check-result">
          <h2>{result.eligible ? 'Eligible' : 'Not eligible'}</h2>
          {!result.eligible && <p>Reason: {result.reasons.map(words).join(', ')}</p>}
          {result.band && <p>Band: {words(result.band)}</p>}
          <p>
            Checked {formatDate(result.checkedAt)}, valid until {formatDate(result.validUntil)}
            {result.retryAfter && <>; ask again after {formatDate(result.retryAfter)}</>}.
          </p>
        </section>
      )}
    </Page>
  );
}
