/** Figures as the report shows them: whole numbers with thousands separators, ratios to 2 places. */
export const int = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
export const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
/** Raw per-round figures, in round order. */
export const list = (values: readonly number[], format: (value: number) => string = int) =>
  values.map(format).join(', ');
export const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

/** A Markdown table: the header's cells separated by '|', rows already formatted (cells or lines). */
export function table(header: string, rows: ReadonlyArray<string | readonly string[]>): string {
  const cells = header.split('|');
  const line = (row: string | readonly string[]) =>
    typeof row === 'string' ? row : `| ${row.join(' | ')} |`;
  return [line(cells), line(cells.map(() => '---')), ...rows.map(line)].join('\n');
}
