import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { ErrorMessage } from '../ui';

const RegisterUser = graphql(`
  mutation RegisterUser($input: RegisterUserInput!) {
    registerUser(input: $input) {
      id
    }
  }
`);

/** A first sign-in through the identity provider has no account yet: the person picks a handle. */
export default function Register({ onDone }: { onDone: () => void }) {
  const [state, register] = useMutation(RegisterUser);
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await register({
      input: { handle: handle.trim(), displayName: displayName.trim() || null },
    });
    if (!result.error) onDone();
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <p>Welcome. Create your account: no legal name, address or ID number is ever asked or kept.</p>
      {state.error && <ErrorMessage error={state.error} />}
      <label htmlFor="register-handle">Handle (3–30 of a–z, 0–9, _)</label>
      <input
        id="register-handle"
        required
        pattern="[a-z0-9_]{3,30}"
        value={handle}
        onChange={(e) => setHandle(e.target.value)}
      />
      <label htmlFor="register-name">Display name (optional)</label>
      <input
        id="register-name"
        maxLength={80}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <div>
        <button type="submit" disabled={state.fetching || handle.trim() === ''}>
          Create account
        </button>
      </div>
    </form>
  );
}
