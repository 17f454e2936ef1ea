import { useId, type ReactNode } from 'react';
import type { HandoffEnvelope, Turn } from '../../../shared/envelope';
import { ReasonChip } from '../../components/ReasonChip';
import { formatScore, sentimentLabelFromScore } from '../../format/labels';
import { formatClock } from '../../format/time';

/**
 * The parts of the handoff an agent reads before saying a word: why the bot let go, what it
 * understood, how the customer feels and what they already gave. Shared by the offer card and the
 * context panel of an accepted conversation.
 */

function FactsSection({ title, extra, testId, children }: { title: string; extra?: ReactNode; testId: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="facts" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="facts__title">
        {title}
        {extra}
      </h3>
      {children}
    </section>
  );
}

export function Provenance({ source }: { source: 'bot' | 'derived' | undefined }) {
  if (!source) return null;
  return (
    <span className={`provenance provenance--${source}`} data-testid="provenance">
      {source === 'bot' ? 'from the bot' : 'derived by Warmline'}
    </span>
  );
}

/**
 * `onShowTurn`, when given, makes each evidence turn a button that reveals it in the transcript
 * beside it, so "the bot failed twice" is one click from the turns that prove it.
 */
export function ReasonFacts({ envelope, onShowTurn }: { envelope: HandoffEnvelope; onShowTurn?: (turnId: string) => void }) {
  const reason = envelope.reason;
  const turnsById = new Map<string, Turn>(envelope.transcript.map((turn) => [turn.id, turn]));
  const evidence = (reason?.evidenceTurnIds ?? []).flatMap((id) => turnsById.get(id) ?? []);
  return (
    <FactsSection title="Why the bot handed off" testId="handoff-reason" extra={<Provenance source={reason?.source} />}>
      <p className="facts__lead">
        <ReasonChip kind={reason?.kind} />
        {reason?.attempts ? (
          <span className="facts__attempts" data-testid="handoff-attempts">
            {reason.attempts} {reason.attempts === 1 ? 'failed attempt' : 'failed attempts'}
          </span>
        ) : null}
      </p>
      {reason?.detail ? (
        <p className="facts__text" dir="auto" data-testid="handoff-reason-detail">
          {reason.detail}
        </p>
      ) : null}
      {evidence.length > 0 ? (
        <ol className="evidence" aria-label="Turns that show it">
          {evidence.map((turn) => (
            <li key={turn.id} className={`evidence__turn evidence__turn--${turn.author}`}>
              {onShowTurn ? (
                <button
                  type="button"
                  className="evidence__jump"
                  onClick={() => onShowTurn(turn.id)}
                  data-testid="evidence-jump"
                  data-turn-id={turn.id}
                >
                  <EvidenceTurn turn={turn} />
                  <span className="evidence__hint">Show in transcript</span>
                </button>
              ) : (
                <EvidenceTurn turn={turn} />
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </FactsSection>
  );
}

function EvidenceTurn({ turn }: { turn: Turn }) {
  return (
    <>
      <span className="evidence__meta">
        {turn.author === 'bot' ? 'Bot' : 'Customer'} · {formatClock(turn.at)}
      </span>
      <span className="evidence__text" dir="auto">
        {turn.text}
      </span>
    </>
  );
}

export function SummaryFacts({ envelope }: { envelope: HandoffEnvelope }) {
  return (
    <FactsSection title="Summary" testId="handoff-summary" extra={<Provenance source={envelope.summary?.source} />}>
      <p className="facts__text" dir="auto">
        {envelope.summary?.text || 'No summary: read the transcript.'}
      </p>
    </FactsSection>
  );
}

const TREND = { worsening: '↘ worsening', steady: '→ steady', improving: '↗ improving' } as const;

export function SentimentFacts({ envelope }: { envelope: HandoffEnvelope }) {
  const sentiment = envelope.sentiment;
  // From the score, never the bot's own word: the radar reads only the score, and the two must agree.
  const label = sentiment ? sentimentLabelFromScore(sentiment.score) : null;
  return (
    <FactsSection title="Sentiment" testId="handoff-sentiment" extra={<Provenance source={sentiment?.source} />}>
      {sentiment && label ? (
        <p className="sentiment">
          <span className={`sentiment__label sentiment__label--${label}`}>{label}</span>
          <span className="sentiment__score">{formatScore(sentiment.score)}</span>
          {sentiment.trend ? (
            <span className={`sentiment__trend sentiment__trend--${sentiment.trend}`}>{TREND[sentiment.trend]}</span>
          ) : null}
        </p>
      ) : (
        <p className="facts__muted">Unknown</p>
      )}
    </FactsSection>
  );
}

const VERIFICATION = { verified: 'Identity verified', partial: 'Partly verified', unverified: 'Identity not verified' } as const;

export function CollectedFacts({ envelope }: { envelope: HandoffEnvelope }) {
  const fields = envelope.fields ?? [];
  const verification = envelope.customer.verification;
  return (
    <FactsSection title="What the customer already gave" testId="handoff-fields">
      {verification ? (
        <p className={`identity identity--${verification.status}`} data-testid="handoff-identity">
          {VERIFICATION[verification.status]}
          {verification.method ? <span className="identity__method"> · {verification.method}</span> : null}
        </p>
      ) : null}
      {fields.length === 0 ? (
        <p className="facts__muted">Nothing collected yet.</p>
      ) : (
        <dl className="fields">
          {fields.map((field, index) => (
            <div key={`${field.key}:${index}`} className="fields__row" data-testid="handoff-field">
              <dt className="fields__label">{field.label || field.key}</dt>
              <dd className="fields__value">
                <bdi className="fields__text">{field.value}</bdi>
                {field.verified ? (
                  <span className="badge-check badge-check--verified">Verified</span>
                ) : (
                  <span className="badge-check badge-check--unverified">Not verified</span>
                )}
                {field.source === 'derived' ? <Provenance source="derived" /> : null}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </FactsSection>
  );
}
