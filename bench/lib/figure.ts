/** One row of the bench table, exactly as bench-results/latest.json carries it. */
export interface Goal {
  op: '<=' | '>=' | '<';
  value: number;
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: Goal;
  met: boolean | null;
}

/** What the table prints under a figure and latest.json leaves out: breakdowns, loss, why not measured. */
export interface FigureReport {
  figure: Figure;
  details: string[];
}

export const meets = (actual: number, goal: Goal): boolean => {
  switch (goal.op) {
    case '<=':
      return actual <= goal.value;
    case '>=':
      return actual >= goal.value;
    case '<':
      return actual < goal.value;
  }
};

const round = (value: number): number => (Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3)));

/**
 * A measured figure. The goal applies to value ÷ baseline when there is a baseline (the machine is
 * shared and noisy; only the ratio means something), to the value itself otherwise. `extraCondition`
 * is a second requirement the ratio cannot express (fan-out: no loss).
 */
export function measured(
  name: string,
  unit: string,
  value: number,
  baseline: number | null,
  goal: Goal,
  extraCondition = true,
): Figure {
  const usable = Number.isFinite(value) && (baseline === null || (Number.isFinite(baseline) && baseline > 0));
  const ratio = usable && baseline !== null ? value / baseline : null;
  const judged = baseline === null ? value : ratio;
  return {
    name,
    value: Number.isFinite(value) ? round(value) : null,
    unit,
    baseline: baseline !== null && Number.isFinite(baseline) ? round(baseline) : null,
    ratio: ratio === null ? null : round(ratio),
    goal,
    met: usable && judged !== null ? meets(judged, goal) && extraCondition : false,
  };
}

/** A row the bench cannot measure yet; the table stays complete and says why. */
export function notMeasured(name: string, unit: string, baseline: number | null, goal: Goal): Figure {
  return { name, value: null, unit, baseline, ratio: null, goal, met: null };
}
