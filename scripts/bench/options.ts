export const SECTIONS = ['inprocess', 'http', 'backend', 'coldstart', 'algorithms', 'eventloop'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * How much each part measures. Full: about 4 minutes on 2 cores; --quick: about 1.5. Round and run
 * counts are odd, so each median is a figure that was measured.
 */
export interface Budget {
  quick: boolean;
  /** Alternating rounds per in-process comparison, and the time of one side's run in a round. */
  inProcessRounds: number;
  inProcessSideMs: number;
  /** HTTP: rounds, and seconds of autocannon load per side per round. */
  httpRounds: number;
  httpSeconds: number;
  httpConnections: number;
  /** Tokens issued while counting backend calls at steady state. */
  steadyTokens: number;
  /** The settings TTL for the refresh test, and how many TTLs to watch. */
  refreshTtlSeconds: number;
  refreshTtls: number;
  /** Fresh processes per variant for the cold start. */
  coldStarts: number;
  /** Concurrent calls for the event-loop comparison. */
  eventLoopConcurrency: number;
}

export interface Options {
  budget: Budget;
  sections: ReadonlySet<Section>;
  /** Write docs/performance.md (only when every section ran). */
  write: boolean;
  /** Only render docs/performance.md again from the last run's saved figures (prose changes). */
  renderOnly: boolean;
}

const FULL: Budget = {
  quick: false,
  inProcessRounds: 5,
  inProcessSideMs: 1500,
  httpRounds: 5,
  httpSeconds: 5,
  httpConnections: 16,
  steadyTokens: 1000,
  refreshTtlSeconds: 1,
  refreshTtls: 5,
  coldStarts: 11,
  eventLoopConcurrency: 64,
};

const QUICK: Budget = {
  ...FULL,
  quick: true,
  inProcessRounds: 3,
  inProcessSideMs: 600,
  httpRounds: 2,
  httpSeconds: 2,
  coldStarts: 5,
  refreshTtls: 3,
};

export function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let only: Section[] | undefined;
  let write = true;
  let renderOnly = false;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--no-write') write = false;
    else if (arg === '--render-only') renderOnly = true;
    else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((name) => {
          if (!(SECTIONS as readonly string[]).includes(name))
            throw new Error(`unknown section ${name}; one of ${SECTIONS.join(', ')}`);
          return name as Section;
        });
    } else if (arg === '--help') {
      throw new Error(`usage: bench [--quick] [--only=${SECTIONS.join(',')}] [--no-write] [--render-only]`);
    } else throw new Error(`unknown option ${arg}`);
  }
  const sections = new Set<Section>(only ?? SECTIONS);
  return {
    budget: quick ? QUICK : FULL,
    sections,
    write: write && sections.size === SECTIONS.length,
    renderOnly,
  };
}
