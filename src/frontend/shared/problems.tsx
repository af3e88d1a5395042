/**
 * Validation problems carry the config path they concern (`priorities.2.jiraPriority`); each table shows the ones
 * under its rows, and the page lists whatever no row claimed, so no problem is ever hidden.
 */
import { ErrorMessage } from '@forge/react';
import { useText } from './text';
import type { PathProblem } from './use-call';
import { message } from './words';

/** A problem in the reader's language: its message code worded, or the resolver's English sentence. */
export function ProblemMessages({ problems }: { problems: PathProblem[] }) {
  const t = useText();
  return (
    <>
      {problems.map((p) => (
        <ErrorMessage key={p.path + p.message}>{message(t, p.message, p.code, p.params)}</ErrorMessage>
      ))}
    </>
  );
}

function problemsUnder(problems: PathProblem[], prefix: string): PathProblem[] {
  return problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`));
}

export function RowProblems({ problems, prefix }: { problems: PathProblem[]; prefix: string }) {
  return <ProblemMessages problems={problemsUnder(problems, prefix)} />;
}

/** Problems whose path lies under none of the prefixes a page shows next to a row. */
export function unclaimed(problems: PathProblem[], prefixes: string[]): PathProblem[] {
  return problems.filter((p) => !prefixes.some((prefix) => problemsUnder([p], prefix).length > 0));
}
