import Papa from 'papaparse';
import { useState, type ChangeEvent } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../gql';
import type { CheckManyQuery } from '../../gql/graphql';
import { ErrorMessage, formatDate, Page, TableRegion, words } from '../../ui';
import { PerkSelect } from './PerkSelect';

const CheckMany = graphql(`
  query CheckMany($perkId: ID!, $userIds: [ID!]!) {
    eligibilities(perkId: $perkId, userIds: $userIds) {
      userId
      eligible
      reasons
      validUntil
      retryAfter
      band
    }
  }
`);

/** The API's limit per request. */
const MAX_IDS = 1000;

/** Ids from a CSV: a column named userId (or id), else the first column; blanks and duplicates dropped. */
function idsFromCsv(text: string): string[] {
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  if (rows.length === 0) return [];
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase());
  const named = header.findIndex((cell) => cell === 'userid' || cell === 'user_id' || cell === 'id');
  const column = named >= 0 ? named : 0;
  const body = named >= 0 ? rows.slice(1) : rows;
  return [...new Set(body.map((row) => (row[column] ?? '').trim()).filter(Boolean))];
}

type Decision = CheckManyQuery['eligibilities'][number];

export default function PartnerBatchPage() {
  const client = useClient();
  const [perkId, setPerkId] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [results, setResults] = useState<Decision[] | null>(null);
  const [error, setError] = useState<string | Error | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (event: ChangeEvent<HTMLInputElement>) => {
    setError(null);
    setResults(null);
    const file = event.target.files?.[0];
    if (!file) return;
    const found = idsFromCsv(await file.text());
    if (found.length > MAX_IDS) {
      setIds([]);
      setError(`The file has ${found.length} ids: at most ${MAX_IDS} per batch.`);
      return;
    }
    setIds(found);
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    const answer = await client
      .query(CheckMany, { perkId, userIds: ids }, { requestPolicy: 'network-only' })
      .toPromise();
    setBusy(false);
    if (answer.error) setError(answer.error);
    else setResults(answer.data?.eligibilities ?? []);
  };

  const download = () => {
    const csv = Papa.unparse(
      (results ?? []).map((r) => ({
        userId: r.userId,
        eligible: r.eligible,
        reason: r.reasons.join(' '),
        band: r.band ?? '',
        validUntil: r.validUntil,
        retryAfter: r.retryAfter ?? '',
      })),
    );
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'eligibility.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const eligible = results?.filter((r) => r.eligible).length ?? 0;
  return (
    <Page title="Batch check">
      <p>
        Upload a CSV of person ids (a <code>userId</code> column, or ids in the first column), at most{' '}
        {MAX_IDS}. Each check is logged and shown to the person.
      </p>
      <PerkSelect value={perkId} onChange={setPerkId} />
      <label htmlFor="batch-file">CSV file</label>
      <input id="batch-file" type="file" accept=".csv,text/csv" onChange={(event) => void load(event)} />
      {ids.length > 0 && <p role="status">{ids.length} id(s) read.</p>}
      <div>
        <button type="button" disabled={busy || ids.length === 0 || !perkId} onClick={() => void run()}>
          Check {ids.length} id(s)
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {results && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            Results: {eligible} of {results.length} eligible
          </h2>
          <button type="button" onClick={download}>
            Download results as CSV
          </button>
          <TableRegion label="Batch results">
            <table data-testid="batch-results">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Eligible</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Valid until</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.userId}>
                    <td>{r.userId}</td>
                    <td>{r.eligible ? 'Yes' : 'No'}</td>
                    <td>{r.reasons.map(words).join(', ') || '—'}</td>
                    <td>{formatDate(r.validUntil)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      )}
    </Page>
  );
}
