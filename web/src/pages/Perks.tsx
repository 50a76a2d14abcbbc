import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorMessage, Loading, Page, signed, words } from '../ui';

const MyPerks = graphql(`
  query MyPerks {
    me {
      id
      perks {
        perk {
          id
          name
          description
          partner {
            id
            name
          }
        }
        eligible
        unmet {
          code
          dimension
          summary
        }
        missing {
          condition {
            code
            summary
          }
          gap
          unit
          actions {
            action
            points
            summary
            closesGap
          }
        }
        unlockedBy
      }
    }
  }
`);

const UNIT: Record<string, string> = {
  SCORE_POINTS: 'points',
  DIMENSION: '(dimension, 0–1)',
  DEFAULTS: 'default(s)',
  DAYS: 'days',
  DISPUTES: 'dispute(s)',
};

export default function PerksPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyPerks, requestPolicy: 'cache-and-network' });
  if (error)
    return (
      <Page title="Perks">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Perks">
        <Loading />
      </Page>
    );
  const perks = data?.me?.perks ?? [];
  return (
    <Page title="Perks">
      <p>
        Every perk partners offer, whether you qualify, and what would close the gap. Looking is not a check.
      </p>
      {perks.length === 0 && <p>No perks are offered right now.</p>}
      <ul className="cards">
        {perks.map((standing) => (
          <li key={standing.perk.id} className="card">
            <h2>
              {standing.perk.name} <span className="muted">· {standing.perk.partner.name}</span>
            </h2>
            {standing.perk.description && <p>{standing.perk.description}</p>}
            <p className={standing.eligible ? 'ok' : 'not-ok'}>
              {standing.eligible ? 'You are eligible.' : 'Not yet.'}
            </p>
            {standing.missing.map((m, i) => (
              <div key={i}>
                <p>
                  {m.condition.summary}
                  {m.gap !== null && m.gap !== undefined && m.unit && (
                    <>
                      {' '}
                      — short by {m.gap} {UNIT[m.unit]}
                    </>
                  )}
                </p>
                {m.actions.length > 0 && (
                  <ul>
                    {m.actions.map((a) => (
                      <li key={a.action}>
                        {a.summary}
                        {a.points !== null && a.points !== undefined && <> ({signed(a.points)} points)</>}
                        {a.closesGap === true && ' — closes this gap'}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
            {standing.unlockedBy.length > 0 && (
              <p>One action is enough: {standing.unlockedBy.map(words).join(' or ')}.</p>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
