import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../ui';

const MyChecks = graphql(`
  query MyChecks {
    me {
      id
      inquiries(first: 100) {
        totalCount
        edges {
          node {
            id
            partner {
              id
              name
            }
            perk {
              id
              name
            }
            decision
            decisionReason
            unmet {
              code
              dimension
              summary
            }
            at
          }
        }
      }
    }
  }
`);

export default function ChecksPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyChecks, requestPolicy: 'network-only' });
  if (error)
    return (
      <Page title="Who checked me">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Who checked me">
        <Loading />
      </Page>
    );
  const inquiries = data?.me?.inquiries.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Who checked me">
      <p>
        Every time a partner checked you, allowed or refused. Partners were told only yes or no and one
        reason; the exact conditions are for you alone.
      </p>
      <p>{data?.me?.inquiries.totalCount ?? 0} check(s) in all.</p>
      {inquiries.length > 0 && (
        <TableRegion label="Checks">
          <table data-testid="checks">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Partner</th>
                <th scope="col">Perk</th>
                <th scope="col">Answer</th>
                <th scope="col">Why (only you see this)</th>
              </tr>
            </thead>
            <tbody>
              {inquiries.map((q) => (
                <tr key={q.id}>
                  <td>{formatDate(q.at)}</td>
                  <td>{q.partner.name}</td>
                  <td>{q.perk?.name ?? '—'}</td>
                  <td>{q.decision ? 'Eligible' : `No: ${words(q.decisionReason ?? 'NOT_ELIGIBLE')}`}</td>
                  <td>{q.unmet && q.unmet.length > 0 ? q.unmet.map((u) => u.summary).join('; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Page>
  );
}
