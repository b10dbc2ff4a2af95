/**
 * Runs every side once per round, in the same order each round (A B A B ...), so that a slow
 * spell of the machine hits all sides instead of deciding the comparison. Returns each side's
 * figures in round order.
 */
export async function alternate<T>(
  sides: ReadonlyArray<{ name: string; run: () => Promise<T> }>,
  rounds: number,
  onRound?: (round: number, name: string, value: T) => void,
): Promise<Map<string, T[]>> {
  const results = new Map<string, T[]>(sides.map((side) => [side.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const value = await side.run();
      results.get(side.name)?.push(value);
      onRound?.(round, side.name, value);
    }
  }
  return results;
}
