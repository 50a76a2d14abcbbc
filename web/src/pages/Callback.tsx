import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { finishSignIn } from '../oidc';
import { setSession } from '../session';
import { ErrorMessage, Loading, Page } from '../ui';

/** Where the identity provider sends the browser back: the code is exchanged, then the app opens. */
export default function CallbackPage() {
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    finishSignIn(new URL(location.href))
      .then(({ token, userId }) => {
        setSession({ kind: 'person', token, userId });
        navigate('/score', { replace: true });
      })
      .catch((failure: Error) => setError(failure.message));
  }, [navigate]);
  return <Page title="Signing in">{error ? <ErrorMessage error={error} /> : <Loading />}</Page>;
}
