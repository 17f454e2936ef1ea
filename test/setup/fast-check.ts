import fc from 'fast-check';

// `npm test` replays the same property-test cases on every run, so CI passes or fails on the
// code, not on the draw. To explore new cases, run with FC_SEED=random (or a number to replay a
// failure that fast-check printed).
const requested = process.env.FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested ? Number(requested) : 20_261_120 });
