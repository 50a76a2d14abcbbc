import { useQuery } from 'urql';
import { VouchGraph } from '../charts/VouchGraph';
import { graphql } from '../gql';
import { ErrorMessage, Loading, Page, signed, TableRegion, words } from '../ui';

const Vouches = graphql(`
  query MyVouchers {
    me {
      id
      trustScore {
        explanation {
          contributors {
            kind
            handle
            anonymous
            assurance
            share
            points
          }
          paths {
            steps {
              handle
              anonymous
              anchor
            }
          }
        }
      }
    }
  }
`);

const contributorName = (c: { kind: string; handle?: string | null; anonymous: boolean }) =>
  c.kind === 'ANCHOR'
    ? 'You are a trust anchor'
    : c.kind === 'OTHERS'
      ? 'Others (smaller contributors together)'
      : (c.handle ?? 'A private voucher');

export default function VouchesPage() {
  const [{ data, fetching, error }] = useQuery({ query: Vouches, requestPolicy: 'cache-and-network' });
  if (error)
    return (
      <Page title="Who vouches for me">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Who vouches for me">
        <Loading />
      </Page>
    );
  const explanation = data?.me?.trustScore?.explanation;
  if (!explanation)
    return (
      <Page title="Who vouches for me">
        <p>You have no score yet.</p>
      </Page>
    );
  const { contributors, paths } = explanation;
  return (
    <Page title="Who vouches for me">
      <p>
        Your network points come from people who endorsed or positively rated you. People who kept their
        endorsement private are shown without a name.
      </p>
      {contributors.length === 0 ? (
        <p>Nobody vouches for you yet.</p>
      ) : (
        <TableRegion label="Contributors">
          <table data-testid="contributors">
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Best identity</th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col" className="num">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              {contributors.map((c, i) => (
                <tr key={i}>
                  <td>{contributorName(c)}</td>
                  <td>{c.assurance ? words(c.assurance) : '—'}</td>
                  <td className="num">{(c.share * 100).toFixed(1)}%</td>
                  <td className="num">{signed(c.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <h2>Paths from trust anchors</h2>
      {paths.length === 0 ? (
        <p>No chain of vouches from an anchor reaches you yet.</p>
      ) : (
        <>
          <VouchGraph paths={paths.map((p) => p.steps)} />
          <ol data-testid="paths">
            {paths.map((path, i) => (
              <li key={i}>
                {path.steps
                  .map((s) => `${s.handle ?? 'a private voucher'}${s.anchor ? ' (anchor)' : ''}`)
                  .join(' → ')}
              </li>
            ))}
          </ol>
        </>
      )}
    </Page>
  );
}
