import { useQuery } from 'urql';
import { HistoryChart } from '../charts/HistoryChart';
import { graphql } from '../gql';
import type { MyHistoryQuery } from '../gql/graphql';
import { ErrorMessage, formatDate, Loading, Page, signed, TableRegion, words } from '../ui';

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
            change
            reasonChangesKnown
            reasonChanges {
              code
              points
              summary
              previousSummary
            }
            events {
              id
              kind
            }
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
              name
            }
          }
        }
      }
    }
  }
`);

type Snapshot = NonNullable<NonNullable<MyHistoryQuery['me']>['trustHistory']>['edges'][number]['node'];

/** "+N points: <reason summary>" for each reason that moved, as the server counted them (they sum to the change). */
/**
 * The reason changes, then the events the API lists at this snapshot (recorded since the one before). Who reported
 * each comes from the events table's rows (by id): selecting it per snapshot too would pass the gateway's query
 * cost limit.
 */
function WhatMoved({ snapshot, reporters }: { snapshot: Snapshot; reporters: Map<string, string> }) {
  return (
    <>
      <ReasonChanges snapshot={snapshot} />
      {snapshot.events.length > 0 && (
        <p className="moves-events" data-testid="history-events">
          Reported since the score before:{' '}
          {snapshot.events
            .map((e) => `${words(e.kind)} (${reporters.get(e.id) ?? 'an administrator'})`)
            .join(', ')}
        </p>
      )}
    </>
  );
}

function ReasonChanges({ snapshot }: { snapshot: Snapshot }) {
  if (snapshot.change === null || snapshot.change === undefined) return <>Your first score</>;
  if (!snapshot.reasonChangesKnown)
    return <>Not recorded: this score was computed before Credence kept the reasons of each change.</>;
  if (snapshot.reasonChanges.length === 0) return <>No reason changed</>;
  return (
    <ul className="moves" data-testid="history-changes">
      {snapshot.reasonChanges.map((r) => (
        <li key={r.code}>
          <strong data-testid="history-change-points">
            {signed(r.points)} {Math.abs(r.points) === 1 ? 'point' : 'points'}
          </strong>
          : {r.summary ?? `no longer counted (${r.previousSummary ?? words(r.code)})`}
        </li>
      ))}
    </ul>
  );
}

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
  const reporters = new Map(events.flatMap((e) => (e.reporter ? [[e.id, e.reporter.name] as const] : [])));
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
      <p>
        Newest first. Each change lists the reasons that moved your score and by how many points; they add up
        to the change.
      </p>
      <TableRegion label="Score history">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col">Band</th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col">What moved it</th>
            </tr>
          </thead>
          <tbody>
            {[...snapshots].reverse().map((s, i) => (
              <tr key={i} data-testid="history-row">
                <td>{formatDate(s.computedAt)}</td>
                <td className="num" data-testid="history-value">
                  {s.value}
                </td>
                <td>{words(s.band)}</td>
                <td className="num" data-testid="history-change">
                  {s.change === null || s.change === undefined ? '' : signed(s.change)}
                </td>
                <td className="moved">
                  <WhatMoved snapshot={s} reporters={reporters} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>Events reported about you</h2>
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
