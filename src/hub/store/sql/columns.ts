/** True when `Names` lists every key of `Row`; otherwise the names parameter cannot be satisfied. */
type ListsEvery<Row, Names extends readonly string[]> = Exclude<keyof Row, Names[number]> extends never ? unknown : never;

/**
 * A SELECT list naming every column of a row type, checked by the compiler both ways (no unknown
 * name, none missing). Repositories select by name, never `*`: a replica of the previous version
 * keeps its prepared statements' result shape while a newer one adds a column (a rolling deploy).
 */
export const columnsOf =
  <Row>() =>
  <const Names extends readonly (keyof Row & string)[]>(names: Names & ListsEvery<Row, Names>, alias?: string): string =>
    names.map((name) => (alias ? `${alias}.${name}` : name)).join(', ');
