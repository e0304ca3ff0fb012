import type { Figure } from './report';

/** A benchmark suite: it may print a human-readable table as it goes, and returns its figures. */
export interface Suite {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<Figure[]>;
}
