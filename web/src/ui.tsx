/** Small shared pieces: page frame, status messages, a scrollable table region. */
import { useEffect, type ReactNode } from 'react';
import type { CombinedError } from 'urql';

export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Credence`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {children}
    </>
  );
}

export function Loading() {
  return (
    <p role="status" aria-live="polite">
      Loading…
    </p>
  );
}

export function ErrorMessage({ error }: { error: CombinedError | Error | string }) {
  const text = typeof error === 'string' ? error : error.message.replace(/^\[(GraphQL|Network)\] /, '');
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}

/** Wide tables scroll sideways on a phone; the region is focusable so keyboard users can scroll it too. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const signed = (points: number) => (points > 0 ? `+${points}` : String(points));

/** ENUM_LIKE_THIS → "Enum like this". */
export const words = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
