/**
 * What truly varies between our kubectl and the real one for the same cluster state: only what
 * the real kubectl computes locally from the machine's wall clock or makes up —
 * - `kubectl diff`'s temporary directories and file times;
 * - the order of `kubectl drain`'s lines (it evicts pods in parallel);
 * - `kubectl events`' LAST SEEN column (computed from the wall clock like describe's Events);
 * - the Age columns of `describe`'s Events and node pod tables (kubectl takes now from the wall clock, while
 *   the server's clock is virtual; server-side tables such as `get` carry the virtual ages and are
 *   compared as they are).
 * Generated names, uids and IPs come from identically seeded simulations at the same virtual
 * time, so they are compared as they are.
 */
export function normalise(text: string, command = ''): string {
  const out = text
    .replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-XXXXXXXXX')
    .replace(/(^(?:---|\+\+\+) \S+)\t.*$/gm, '$1\tTIME')
    .replace(/^(\s+)(Normal|Warning)(\s{2,}\S.*)$/gm, (_, indent: string, type: string, rest: string) => {
      const cells = rest.trim().split(/\s{2,}/);
      if (cells.length >= 4) cells[1] = '<age>';
      return `${indent}${[type, ...cells].join('  ')}`;
    })
    .replace(/^(\s+)(Type\s{2,}Reason\s{2,}Age\s{2,}From.*|----\s{2,}------\s{2,}----.*)$/gm, (_, indent: string, row: string) => `${indent}${row.trim().split(/\s{2,}/).join('  ')}`);
  const ages = out
    // describe node's pod table: the Age column is the real kubectl's wall-clock reading too.
    .replace(/^(\s+)(\S+\s{2,}\S+\s{2,}.*\(\d+%\))\s{2,}(\S+)$/gm, (_, indent: string, row: string) => `${indent}${row.split(/\s{2,}/).join('  ')}  <age>`)
    .replace(/^(\s+)(Namespace\s{2,}Name\s{2,}CPU Requests.*|---------\s{2,}----\s{2,}.*)$/gm, (_, indent: string, row: string) => `${indent}${row.trim().split(/\s{2,}/).join('  ')}`);
  // drain evicts in parallel: the real kubectl's lines come in an order that varies run to run.
  if (/\bdrain\b/.test(command)) return ages.split('\n').sort().join('\n');
  return /\bkubectl events\b/.test(command) && !/\s(-o|--output)\b/.test(command) ? eventAges(ages, /\s(-A|--all-namespaces)\b/.test(command)) : ages;
}

/** `kubectl events`' LAST SEEN (`5s`, `5s (x3 over 2m)`) is the real kubectl's wall-clock reading too. */
function eventAges(text: string, allNamespaces: boolean): string {
  const at = allNamespaces ? 1 : 0;
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      const cells = line.replace(/ \(x\d+ over [^)]+\)/, '').split(/\s{2,}/);
      if (cells[at] !== 'LAST SEEN') cells[at] = '<age>';
      return cells.join('  ');
    })
    .join('\n');
}
