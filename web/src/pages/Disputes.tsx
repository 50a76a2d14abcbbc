import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../ui';

const MyDisputes = graphql(`
  query MyDisputes {
    me {
      id
      disputes {
        id
        itemId
        itemKind
        statement
        status
        resolution
        createdAt
        reviewDeadline
        resolvedAt
      }
      events(first: 100) {
        edges {
          node {
            id
            kind
            occurredAt
            reporter {
              id
              name
            }
          }
        }
      }
      ratingsReceived(first: 100) {
        edges {
          node {
            id
            rating
            createdAt
          }
        }
      }
    }
  }
`);

const File = graphql(`
  mutation FileDispute($input: DisputeItemInput!) {
    disputeItem(input: $input) {
      id
      status
    }
  }
`);

export default function DisputesPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyDisputes, requestPolicy: 'network-only' });
  const [filing, file] = useMutation(File);
  const [itemId, setItemId] = useState('');
  const [statement, setStatement] = useState('');
  const [evidence, setEvidence] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (error)
    return (
      <Page title="Disputes">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Disputes">
        <Loading />
      </Page>
    );
  const me = data?.me;
  const disputes = me?.disputes ?? [];
  const items = [
    ...(me?.events?.edges ?? []).map(({ node }) => ({
      id: node.id,
      label: `${words(node.kind)} on ${formatDate(node.occurredAt)} (${node.reporter?.name ?? 'an administrator'})`,
    })),
    ...(me?.ratingsReceived?.edges ?? []).map(({ node }) => ({
      id: node.id,
      label: `Rating ${node.rating > 0 ? '+' : ''}${node.rating} on ${formatDate(node.createdAt)}`,
    })),
  ];
  const chosen = itemId || items[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await file({
      input: { itemId: chosen, statement: statement.trim(), evidence: evidence.trim() || null },
    });
    if (!result.error) {
      setMessage('Dispute filed: the item still counts while it is under review (30 days at most).');
      setStatement('');
      setEvidence('');
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <Page title="Disputes">
      <p>
        Challenge an event or a rating about you. While under review it still counts; a reviewer removes it if
        you are right, and one not decided in 30 days is upheld in your favour.
      </p>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {filing.error && <ErrorMessage error={filing.error} />}
      <h2>Your disputes</h2>
      {disputes.length === 0 ? (
        <p>You have filed no dispute.</p>
      ) : (
        <TableRegion label="Your disputes">
          <table data-testid="disputes">
            <thead>
              <tr>
                <th scope="col">Filed</th>
                <th scope="col">Item</th>
                <th scope="col">Your statement</th>
                <th scope="col">Status</th>
                <th scope="col">Decided by</th>
              </tr>
            </thead>
            <tbody>
              {disputes.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.createdAt)}</td>
                  <td>{words(d.itemKind)}</td>
                  <td>{d.statement}</td>
                  <td>
                    {words(d.status)}
                    {d.status === 'OPEN' && <> (review by {formatDate(d.reviewDeadline)})</>}
                  </td>
                  <td>{d.resolution ? words(d.resolution) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>File a dispute</h2>
      {items.length === 0 ? (
        <p>Nothing about you can be disputed.</p>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="dispute-item">Item</label>
          <select id="dispute-item" value={chosen} onChange={(e) => setItemId(e.target.value)}>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </select>
          <label htmlFor="dispute-statement">What is wrong with it?</label>
          <textarea
            id="dispute-statement"
            required
            maxLength={1000}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          <label htmlFor="dispute-evidence">Evidence (optional)</label>
          <textarea
            id="dispute-evidence"
            maxLength={2000}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
          />
          <div>
            <button type="submit" disabled={filing.fetching || statement.trim() === '' || !chosen}>
              File dispute
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
