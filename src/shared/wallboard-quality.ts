import type { HandoffQualityReport } from './metrics';

/**
 * What a wall screen may show of the handoff-quality report: counts and rates only. A wallboard
 * hangs where passers-by read it, so no conversation id, intent, reason text or name reaches it;
 * the drill-down behind each figure stays with supervisors.
 */
export interface WallboardQuality {
  from: string;
  to: string;
  handoffs: number;
  /** Handoffs no agent took: the customer left, or is still waiting at `to`. */
  failedHandovers: number;
  abandonedBeforeAgent: number;
  /** Share of accepted conversations where the customer was asked again for what the bot had. */
  repeatRate: number | null;
  csatAfterHandoff: number | null;
  csatDirect: number | null;
  /** csatAfterHandoff − csatDirect: negative is the handoff tax. Null until both sides have ratings. */
  csatGap: number | null;
}

export function wallboardQualityOf(report: HandoffQualityReport): WallboardQuality {
  return {
    from: report.from,
    to: report.to,
    handoffs: report.handoffs,
    failedHandovers: report.failedHandovers.total,
    abandonedBeforeAgent: report.abandonedBeforeAgent,
    repeatRate: report.repeatInformation.rate,
    csatAfterHandoff: report.csat.afterHandoff.csat,
    csatDirect: report.csat.direct.csat,
    csatGap: report.csat.gap,
  };
}
