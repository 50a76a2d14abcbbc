import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorMessage, Loading, Page, signed, words } from '../ui';

const Improvements = graphql(`
  query MyImprovements {
    me {
      id
      trustScore {
        value
        explanation {
          improvements {
            action
            points
            summary
            dimension
            unlocksPerks {
              id
              name
              partner {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export default function ImprovePage() {
  const [{ data, fetching, error }] = useQuery({ query: Improvements, requestPolicy: 'cache-and-network' });
  if (error)
    return (
      <Page title="How to improve">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="How to improve">
        <Loading />
      </Page>
    );
  const score = data?.me?.trustScore;
  if (!score)
    return (
      <Page title="How to improve">
        <p>You have no score yet.</p>
      </Page>
    );
  const improvements = score.explanation.improvements;
  return (
    <Page title="How to improve">
      <p>
        Each action shows the exact points it would add to your score of {score.value} (the model re-run with
        the change), and the perks it alone would unlock.
      </p>
      {improvements.length === 0 ? (
        <p>Nothing you can do would raise your score right now.</p>
      ) : (
        <ol className="cards">
          {improvements.map((i) => (
            <li key={i.action} className="card">
              <h2>{i.summary}</h2>
              <p>
                <strong data-testid="improvement-points">{signed(i.points)} points</strong>
                {i.dimension && <> · {words(i.dimension)}</>} → {score.value + i.points}
              </p>
              {i.unlocksPerks.length > 0 ? (
                <p>
                  Unlocks: {i.unlocksPerks.map((perk) => `${perk.name} (${perk.partner.name})`).join(', ')}
                </p>
              ) : (
                <p className="muted">Unlocks no perk on its own.</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
