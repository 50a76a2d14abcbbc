import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../../ui';

const PartnerInquiries = graphql(`
  query PartnerInquiries {
    inquiries(first: 100) {
      totalCount
      edges {
        node {
          id
          subjectId
          perk {
            id
            name
          }
          decision
          decisionReason
          at
        }
      }
    }
  }
`);

export default function PartnerInquiriesPage() {
  const [{ data, fetching, error }] = useQuery({ query: PartnerInquiries, requestPolicy: 'network-only' });
  if (error)
    return (
      <Page title="Inquiries">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Inquiries">
        <Loading />
      </Page>
    );
  const inquiries = data?.inquiries.edges.map((e) => e.node) ?? [];
  return (
    <Page title="Inquiries">
      <p>Your checks, newest first ({data?.inquiries.totalCount ?? 0} in all). Each person sees them too.</p>
      <TableRegion label="Inquiries">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Person</th>
              <th scope="col">Perk</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {inquiries.map((q) => (
              <tr key={q.id}>
                <td>{formatDate(q.at)}</td>
                <td>{q.subjectId}</td>
                <td>{q.perk?.name ?? '—'}</td>
                <td>{q.decision ? 'Eligible' : `No: ${words(q.decisionReason ?? 'NOT_ELIGIBLE')}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </Page>
  );
}
