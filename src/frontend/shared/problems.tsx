/**
 * Validation problems carry the config path they concern (`priorities.2.jiraPriority`); each table shows the ones
 * under its rows, and the page lists whatever no row claimed, so no problem is ever hidden.
 */
import { ErrorMessage } from '@forge/react';
import type { PathProblem } from './use-call';

export function problemsUnder(problems: PathProblem[], prefix: string): PathProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));
}

export function RowProblems({ problems, prefix }: { problems: PathProblem[]; prefix: string }) {
  return (
    <>
      {problemsUnder(problems, prefix).map((p) => (
        <ErrorMessage key={p.path + p.message}>{p.message}</ErrorMessage>
      ))}
    </>
  );
}

/** Problems whose path lies under none of the prefixes a page shows next to a row. */
export function unclaimed(problems: PathProblem[], prefixes: string[]): PathProblem[] {
  return problems.filter((p) => !prefixes.some((prefix) => problemsUnder([p], prefix).length > 0));
}
