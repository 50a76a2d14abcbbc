import { useQuery } from 'urql';
import { PartnerPerks } from './queries';

/** The partner's active perks as a select (checks are about one perk). */
export function PerkSelect({ value, onChange }: { value: string; onChange: (perkId: string) => void }) {
  const [{ data }] = useQuery({ query: PartnerPerks });
  const perks = (data?.currentPartner?.perks ?? []).filter((p) => !p.archivedAt);
  const chosen = value || perks[0]?.id || '';
  if (chosen !== value && chosen) queueMicrotask(() => onChange(chosen));
  return (
    <>
      <label htmlFor="check-perk">Perk</label>
      <select id="check-perk" value={chosen} onChange={(e) => onChange(e.target.value)}>
        {perks.map((perk) => (
          <option key={perk.id} value={perk.id}>
            {perk.name}
          </option>
        ))}
      </select>
    </>
  );
}
