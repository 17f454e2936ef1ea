import type { LinkStatus } from './connection';

const clock = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Says plainly when the figures are not live, and since when, so nobody acts on old numbers. */
export function StaleBanner({ status, snapshotAt }: { status: LinkStatus; snapshotAt: string | null }) {
  if (status.kind === 'live') return null;
  const text =
    status.kind === 'connecting'
      ? snapshotAt
        ? `Data from ${clock(Date.parse(snapshotAt))} — connecting…`
        : 'Connecting to the hub…'
      : status.kind === 'unauthorized'
        ? `Data from ${clock(status.since)} — the hub no longer accepts this wallboard's token`
        : `Data from ${clock(status.since)} — reconnecting…`;
  return (
    <div className="wallboard-stale" role="status" data-testid="wallboard-stale">
      {text}
    </div>
  );
}
