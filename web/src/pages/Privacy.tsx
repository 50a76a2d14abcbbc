import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLocation } from 'wouter';
import { graphql } from '../gql';
import { setSession } from '../session';
import { ErrorMessage, Loading, Page } from '../ui';

const MyPrivacy = graphql(`
  query MyPrivacy {
    me {
      id
      handle
      scoringConsent
      trustScoreStatus
    }
  }
`);

const SetConsent = graphql(`
  mutation SetScoringConsent($enabled: Boolean!) {
    setScoringConsent(enabled: $enabled) {
      id
      scoringConsent
      trustScoreStatus
    }
  }
`);

const DeleteMe = graphql(`
  mutation DeleteMe {
    deleteMe
  }
`);

export default function PrivacyPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyPrivacy, requestPolicy: 'network-only' });
  const [setting, setConsent] = useMutation(SetConsent);
  const [deleting, deleteMe] = useMutation(DeleteMe);
  const [confirming, setConfirming] = useState(false);
  const [, navigate] = useLocation();
  if (error)
    return (
      <Page title="Privacy">
        <ErrorMessage error={error} />
      </Page>
    );
  if (fetching && !data)
    return (
      <Page title="Privacy">
        <Loading />
      </Page>
    );
  const me = data?.me;
  if (!me)
    return (
      <Page title="Privacy">
        <ErrorMessage error="No account for this sign-in." />
      </Page>
    );
  return (
    <Page title="Privacy">
      <section aria-labelledby="scoring-heading">
        <h2 id="scoring-heading">Scoring</h2>
        <p>
          {me.scoringConsent
            ? 'You are opted in: Credence computes your score. Opting out removes it at once.'
            : 'You are opted out: Credence keeps no score for you, and perks that ask for one say no.'}
        </p>
        {setting.error && <ErrorMessage error={setting.error} />}
        <button
          type="button"
          disabled={setting.fetching}
          onClick={() => void setConsent({ enabled: !me.scoringConsent })}
        >
          {me.scoringConsent ? 'Opt out of scoring' : 'Opt in to scoring'}
        </button>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete my data</h2>
        {!confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete my account…
          </button>
        ) : (
          <div
            role="alertdialog"
            aria-labelledby="confirm-heading"
            aria-describedby="confirm-text"
            className="card"
          >
            <h3 id="confirm-heading">Delete your account for good?</h3>
            <div id="confirm-text">
              <p>
                This erases at once: your profile, linked identities, events, ratings, endorsements, consents,
                disputes and score, and your name from other people's explanations.
              </p>
              <p>
                What remains: the record of partner checks and administrative actions, pseudonymised (it no
                longer names you); and for a while, keyed hashes that stop the same identities (365 days),
                sign-in (365 days) and handle “{me.handle}” (90 days) from being reused.
              </p>
            </div>
            {deleting.error && <ErrorMessage error={deleting.error} />}
            <div className="row">
              <button
                type="button"
                className="danger"
                disabled={deleting.fetching}
                onClick={async () => {
                  const result = await deleteMe({});
                  if (!result.error) {
                    setSession(null);
                    navigate('/?deleted=1');
                  }
                }}
              >
                Yes, delete everything
              </button>
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                Keep my account
              </button>
            </div>
          </div>
        )}
      </section>
    </Page>
  );
}
