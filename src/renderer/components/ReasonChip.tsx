import type { ReasonKind } from '../../shared/envelope';
import { reasonLabel } from '../format/labels';

export function ReasonChip({ kind }: { kind: ReasonKind | undefined }) {
  return (
    <span className={`chip chip--reason chip--${kind ?? 'unknown'}`} data-testid="reason-chip">
      {reasonLabel(kind)}
    </span>
  );
}
