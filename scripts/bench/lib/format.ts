/** Figures as the report shows them: whole numbers with thousands separators, ratios to 2 places. */
export const int = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
export const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
export const ms = (value: number, digits = 1) =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a';

/** A Markdown table; cells are already formatted. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Raw per-round figures, in round order, for the report's "raw" columns. */
export const list = (values: readonly number[], format: (value: number) => string = int) =>
  values.map(format).join(', ');

export const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
