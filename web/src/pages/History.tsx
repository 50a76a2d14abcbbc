import { useQuery } from 'urql';
import { HistoryChart } from '../charts/HistoryChart';
import { graphql } from '../gql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../ui';

const History = graphql(`
  query MyHistory {
    me {
      id
      trustHistory(first: 100) {
        edges {
          node {
            value
            band
            computedAt
          }
        }
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
    }
  }
`);

export default function HistoryPage() {
  const [{ data, fetching, error }] = useQuery({ query: History, requestPolicy: 'cache-and-network' });
  if (error)
    return (
      <Page title="History">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="History">
        <Loading />
      </Page>
    );
  const snapshots = data?.me?.trustHistory?.edges.map((e) => e.node) ?? [];
  const events = data?.me?.events?.edges.map((e) => e.node) ?? [];
  return (
    <Page title="History">
      {snapshots.length === 0 ? (
        <p>No score history yet.</p>
      ) : (
        <HistoryChart
          points={snapshots.map((s) => ({ at: new Date(s.computedAt), value: s.value }))}
          marks={events.map((e) => ({ at: new Date(e.occurredAt), kind: e.kind }))}
        />
      )}
      <h2>Scores</h2>
      <TableRegion label="Score history">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Band</th>
            </tr>
          </thead>
          <tbody>
            {[...snapshots].reverse().map((s, i) => (
              <tr key={i}>
                <td>{formatDate(s.computedAt)}</td>
                <td className="num">{s.value}</td>
                <td>{words(s.band)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>Events that moved it</h2>
      {events.length === 0 ? (
        <p>No events were reported about you.</p>
      ) : (
        <TableRegion label="Reported events">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Reported by</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.occurredAt)}</td>
                  <td>{words(e.kind)}</td>
                  <td>{e.reporter?.name ?? 'An administrator'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Page>
  );
}
