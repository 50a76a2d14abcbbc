import { lazy } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { Gauge } from '../charts/Gauge';
import { Waterfall } from '../charts/Waterfall';
import { graphql } from '../gql';
import { ErrorMessage, formatDate, Loading, Page, signed, TableRegion, words } from '../ui';

const Register = lazy(() => import('./Register'));

const MyScore = graphql(`
  query MyScore {
    me {
      id
      handle
      displayName
      trustScoreStatus
      trustScore {
        value
        band
        baseline
        stale
        computedAt
        bands {
          band
          min
          max
        }
        explanation {
          reasons {
            code
            dimension
            points
            summary
          }
          itemsUnderReview
        }
      }
    }
  }
`);

export function ScorePage() {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MyScore,
    requestPolicy: 'cache-and-network',
  });
  if (error)
    return (
      <Page title="My score">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="My score">
        <Loading />
      </Page>
    );
  const me = data?.me;
  if (!me)
    return (
      <Page title="My score">
        <Register onDone={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  const score = me.trustScore;
  if (!score)
    return (
      <Page title="My score">
        <p>
          {me.trustScoreStatus === 'NO_CONSENT'
            ? 'You have not opted in to scoring. '
            : 'Your first score is being computed. '}
          <Link href="/privacy">Privacy settings</Link>
        </p>
      </Page>
    );
  const reasons = score.explanation.reasons;
  const sum = reasons.reduce((total, r) => total + r.points, 0);
  return (
    <Page title="My score">
      <p className="greeting">Hello {me.displayName ?? me.handle}.</p>
      <section className="score-card" aria-labelledby="score-value">
        <Gauge value={score.value} band={score.band} bands={score.bands} />
        <p id="score-value" className="score-value">
          <span data-testid="score-value">{score.value}</span>{' '}
          <span className="band">{words(score.band)}</span>
        </p>
        <p className="muted">
          Computed {formatDate(score.computedAt)}
          {score.stale && ' · something changed since: your network points refresh soon'}
        </p>
        {score.explanation.itemsUnderReview > 0 && (
          <p>{score.explanation.itemsUnderReview} disputed item(s) still count while under review.</p>
        )}
      </section>
      <section aria-labelledby="why-heading">
        <h2 id="why-heading">Why {score.value}</h2>
        <p>
          Everyone starts at {score.baseline}. Each reason below adds or takes points; together they make your
          score.
        </p>
        <Waterfall
          baseline={score.baseline}
          value={score.value}
          steps={reasons.map((r) => ({ label: r.summary, points: r.points }))}
        />
        <TableRegion label="Reasons and their points">
          <table data-testid="reasons">
            <caption className="visually-hidden">Reasons for your score</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Dimension</th>
                <th scope="col" className="num">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Baseline (a person with no data at all)</td>
                <td>—</td>
                <td className="num">{score.baseline}</td>
              </tr>
              {reasons.map((r) => (
                <tr key={r.code}>
                  <td>{r.summary}</td>
                  <td>{words(r.dimension)}</td>
                  <td className="num" data-testid="reason-points">
                    {signed(r.points)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Baseline {score.baseline} {sum >= 0 ? '+' : '−'} {Math.abs(sum)} = your score
                </th>
                <td className="num" data-testid="score-total">
                  {score.baseline + sum}
                </td>
              </tr>
            </tfoot>
          </table>
        </TableRegion>
        <p>
          <Link href="/improve">How to improve</Link>
        </p>
      </section>
    </Page>
  );
}
