/**
 * The roster CSV (pure): one row per participant.
 *
 *   participant,role,system,group,<attribute>[:<type>]…
 *
 * - participant (required): the name; a participant of that name (names compare as foldName
 *   says: case, ends, inner spaces and Unicode form ignored) is updated, any other is added. A
 *   name twice in the file is an error.
 * - role: free text. system: the name of one of the study's activity systems (compared the same
 *   way), or empty; any other name is a row error that lists the study's systems. group: the groups the participant is in, separated by ';' (created when missing).
 *   The role, system and group columns are optional.
 * - any other column is an attribute: the study's attribute of that name, or a new one whose type
 *   is given after a colon (`years:number`, `start:date`, `prior:boolean`; text when none). An
 *   empty cell leaves the value as it is.
 * A roster with any bad row is refused whole: the message names every row (file line, the
 * header is line 1) and column at fault (the first five, and how many more).
 */
import type { Uuid } from '../domain';
import { nameProblem } from '../limits';
import { CsvInputError, readCsv, unguardCell } from '../csv/safe';
import { parseAttributeValue } from './attributes';
import { findByName, foldName } from './names';
import { ATTRIBUTE_TYPES, type AttributeDef, type AttributeType, type AttributeValue } from './types';

export interface RosterColumn {
  /** Column name as written (without the type suffix). */
  name: string;
  type: AttributeType;
  /** The study's attribute, or null for a new one. */
  attributeId: Uuid | null;
}

export interface RosterRow {
  line: number;
  name: string;
  role: string | undefined;
  /** undefined: no system column or an empty cell (left as it is). */
  systemId: Uuid | null | undefined;
  groups: string[];
  /** Attribute column index → value (empty cells absent). */
  values: Map<number, AttributeValue>;
}

export interface RosterPlan {
  attributes: RosterColumn[];
  rows: RosterRow[];
}

const FIXED = ['participant', 'role', 'system', 'group'] as const;
const MAX_LISTED = 5;

function header(cells: string[], known: AttributeDef[], problems: string[]): { fixed: Map<string, number>; attrs: (RosterColumn & { index: number })[] } {
  const fixed = new Map<string, number>();
  const attrs: (RosterColumn & { index: number })[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, index) => {
    const cell = unguardCell(raw).trim();
    const lower = cell.toLocaleLowerCase();
    const [name, type] = cell.includes(':') ? [cell.slice(0, cell.lastIndexOf(':')).trim(), cell.slice(cell.lastIndexOf(':') + 1).trim().toLowerCase()] : [cell, ''];
    const key = (FIXED as readonly string[]).includes(lower) ? lower : name.toLocaleLowerCase();
    if (seen.has(key)) return problems.push(`line 1, column ${index + 1}: "${cell}" appears twice`);
    seen.add(key);
    if ((FIXED as readonly string[]).includes(lower)) return fixed.set(lower, index);
    const p = nameProblem(name);
    if (p) return problems.push(`line 1, column ${index + 1}: the attribute name ${p}`);
    const def = findByName(known, name);
    if (type && !(ATTRIBUTE_TYPES as readonly string[]).includes(type)) return problems.push(`line 1, column "${cell}": unknown attribute type "${type}" (text, number, date or boolean)`);
    if (def && type && type !== def.type) return problems.push(`line 1, column "${cell}": the study's attribute "${def.name}" is of type ${def.type}, not ${type}`);
    attrs.push({ index, name: def?.name ?? name, type: def?.type ?? ((type || 'text') as AttributeType), attributeId: def?.id ?? null });
  });
  if (!fixed.has('participant')) problems.unshift('line 1: the header has no "participant" column (participant,role,system,group,…)');
  return { fixed, attrs };
}

/** Checks a roster against the study (its activity systems and attributes); throws CsvInputError listing every problem. */
export function parseRoster(text: string, study: { systems: { id: Uuid; name: string }[]; attributes: AttributeDef[] }): RosterPlan {
  const records = readCsv(text);
  if (records.length === 0) throw new CsvInputError('the roster is empty (expected a header participant,role,system,group,…)');
  const problems: string[] = [];
  const { fixed, attrs } = header(records[0]!.cells, study.attributes, problems);
  if (!fixed.has('participant')) throw refusal(problems);
  const rows: RosterRow[] = [];
  const names = new Map<string, number>();
  for (const rec of records.slice(1)) {
    const cell = (i: number | undefined) => (i === undefined ? undefined : unguardCell(rec.cells[i] ?? '').trim());
    const at = (col: string) => `line ${rec.line}, column "${col}"`;
    const name = cell(fixed.get('participant'))!;
    const np = nameProblem(name);
    if (np) problems.push(`${at('participant')}: the name ${np}`);
    const twin = names.get(foldName(name));
    if (!np && twin !== undefined) problems.push(`${at('participant')}: "${name}" is also on line ${twin}`);
    names.set(foldName(name), rec.line);
    const systemId = systemOf(cell(fixed.get('system')), study.systems, (m) => problems.push(`${at('system')}: ${m}`));
    const groups = (cell(fixed.get('group')) ?? '').split(';').map((g) => g.trim()).filter((g) => g !== '');
    for (const g of groups) {
      const gp = nameProblem(g);
      if (gp) problems.push(`${at('group')}: the group name ${gp}`);
    }
    const values = new Map<number, AttributeValue>();
    attrs.forEach((a, k) => {
      const v = cell(a.index);
      if (!v) return;
      const r = parseAttributeValue(a.type, v);
      if ('problem' in r) problems.push(`${at(a.name)}: ${r.problem}`);
      else values.set(k, r.value);
    });
    rows.push({ line: rec.line, name, role: cell(fixed.get('role')), systemId, groups, values });
  }
  if (problems.length > 0) throw refusal(problems);
  return { attributes: attrs.map(({ index: _i, ...a }) => a), rows };
}

/** The activity system a roster cell names (undefined: an empty cell, or a problem reported). */
function systemOf(cell: string | undefined, systems: { id: Uuid; name: string }[], problem: (message: string) => void): Uuid | undefined {
  if (!cell) return undefined;
  const hit = findByName(systems, cell);
  if (hit) return hit.id;
  problem(systems.length
    ? `no activity system "${cell}" in this study (${systems.map((s) => s.name).join(', ')})`
    : `no activity system "${cell}": this study has none yet (add them in Study settings, or leave the cell empty)`);
  return undefined;
}

function refusal(problems: string[]): CsvInputError {
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return new CsvInputError(`roster refused, nothing imported (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.slice(0, MAX_LISTED).join('; ')}${more}`);
}
