/** A refused roster's one-line message split for display: the head ("file: roster refused … (n problems)") and one entry per row problem. Pure. */
export function rosterProblems(message: string): { head: string; problems: string[] } {
  const m = /^(.*?\(\d+ problems?\)): (.*)$/s.exec(message);
  if (!m) return { head: message, problems: [] };
  return { head: m[1]!, problems: m[2]!.split(/; (?=line \d)/) };
}
