import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { IdentityAssurance } from '../../gql/graphql';
import { ErrorMessage, formatDate, Loading, Page, TableRegion, words } from '../../ui';
import { PartnerPerks } from './queries';

const Create = graphql(`
  mutation CreatePerk($input: CreatePerkInput!) {
    createPerk(input: $input) {
      id
    }
  }
`);

const Archive = graphql(`
  mutation ArchivePerk($perkId: ID!) {
    archivePerk(perkId: $perkId) {
      id
      archivedAt
    }
  }
`);

/** The public grid of thresholds (finer ones would let a partner bisect a score). */
const SCORE_FLOORS = [420, 540, 660, 780];

type Rule = {
  minScore?: number | null;
  minIdentityAssurance?: string | null;
  maxOpenDefaults?: number | null;
  minAccountAgeDays?: number | null;
  minDimensions: readonly { dimension: string; min: number }[];
};

function describeRule(rule: Rule): string {
  const parts = [
    rule.minScore != null && `score ≥ ${rule.minScore}`,
    ...rule.minDimensions.map((d) => `${words(d.dimension)} ≥ ${d.min}`),
    rule.minIdentityAssurance && `${words(rule.minIdentityAssurance)} identity`,
    rule.maxOpenDefaults != null && `≤ ${rule.maxOpenDefaults} open defaults`,
    rule.minAccountAgeDays != null && `account ≥ ${rule.minAccountAgeDays} days`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'anyone with a score';
}

export default function PartnerPerksPage() {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PartnerPerks,
    requestPolicy: 'network-only',
  });
  const [creating, create] = useMutation(Create);
  const [archiving, archive] = useMutation(Archive);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [minScore, setMinScore] = useState('');
  const [assurance, setAssurance] = useState('');
  const [message, setMessage] = useState<string | null>(null);
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
  const partner = data?.currentPartner;
  const perks = partner?.perks ?? [];
  const refresh = () => refetch({ requestPolicy: 'network-only' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await create({
      input: {
        name: name.trim(),
        description: description.trim() || null,
        rule: {
          minScore: minScore ? Number(minScore) : null,
          minIdentityAssurance: (assurance || null) as IdentityAssurance | null,
        },
      },
    });
    if (!result.error) {
      setMessage(`Perk “${name.trim()}” created.`);
      setName('');
      setDescription('');
      refresh();
    }
  };

  return (
    <Page title="Perks">
      <p>
        {partner?.name}: the perks you offer. People see them in their catalogue with what they are missing.
      </p>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {(creating.error || archiving.error) && <ErrorMessage error={(creating.error ?? archiving.error)!} />}
      <TableRegion label="Your perks">
        <table data-testid="partner-perks">
          <thead>
            <tr>
              <th scope="col">Perk</th>
              <th scope="col">Rule</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {perks.map((perk) => (
              <tr key={perk.id}>
                <td>{perk.name}</td>
                <td>{describeRule(perk.rule)}</td>
                <td>{formatDate(perk.createdAt)}</td>
                <td>{perk.archivedAt ? `Archived ${formatDate(perk.archivedAt)}` : 'Active'}</td>
                <td>
                  {!perk.archivedAt && (
                    <button
                      type="button"
                      disabled={archiving.fetching}
                      onClick={async () => {
                        const result = await archive({ perkId: perk.id });
                        if (!result.error) {
                          setMessage(`Perk “${perk.name}” archived.`);
                          refresh();
                        }
                      }}
                    >
                      Archive {perk.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>Create a perk</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="perk-name">Name</label>
        <input
          id="perk-name"
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="perk-description">Description (optional)</label>
        <textarea
          id="perk-description"
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <label htmlFor="perk-min-score">Minimum score</label>
        <select id="perk-min-score" value={minScore} onChange={(e) => setMinScore(e.target.value)}>
          <option value="">No minimum</option>
          {SCORE_FLOORS.map((floor) => (
            <option key={floor} value={floor}>
              {floor}
            </option>
          ))}
        </select>
        <label htmlFor="perk-assurance">Minimum identity assurance</label>
        <select id="perk-assurance" value={assurance} onChange={(e) => setAssurance(e.target.value)}>
          <option value="">None</option>
          <option value="LOW">Low</option>
          <option value="SUBSTANTIAL">Substantial</option>
          <option value="HIGH">High</option>
        </select>
        <div>
          <button type="submit" disabled={creating.fetching || name.trim() === ''}>
            Create perk
          </button>
        </div>
      </form>
    </Page>
  );
}
