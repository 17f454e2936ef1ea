/** A set of checkboxes for choosing ids from a known list (skills, queues, supervisors). */
export function CheckList({ legend, options, chosen, onChange, testId }: {
  legend: string;
  options: { id: string; label: string }[];
  chosen: readonly string[];
  onChange(next: string[]): void;
  testId: string;
}) {
  return (
    <fieldset className="admin-checks" data-testid={testId}>
      <legend>{legend}</legend>
      {options.length === 0 ? <span className="admin-muted">None yet</span> : null}
      {options.map((option) => (
        <label key={option.id} className="admin-checks__option">
          <input
            type="checkbox"
            checked={chosen.includes(option.id)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
