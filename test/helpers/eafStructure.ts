/**
 * Structural checks of an exported ELAN .eaf (EAF 3.0), in place of validating against ELAN's
 * schema (which carries no licence notice, so the repository does not ship it). Returns the list
 * of problems found; an empty list means the document has the structure ELAN needs to open it.
 */
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
const arr = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

export function eafStructureProblems(xml: string): string[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as Node;
  const root = doc.ANNOTATION_DOCUMENT as Node | undefined;
  if (!root) return ['root element is not ANNOTATION_DOCUMENT'];
  const problems: string[] = [];
  const header = arr(root.HEADER);
  if (header.length !== 1) problems.push(`expected one HEADER, found ${header.length}`);
  else if (arr(header[0]!.MEDIA_DESCRIPTOR).length === 0) problems.push('HEADER has no MEDIA_DESCRIPTOR');
  problems.push(...timeSlotProblems(root), ...tierProblems(root), ...idProblems(root));
  return problems;
}

function timeSlotProblems(root: Node): string[] {
  const order = arr(root.TIME_ORDER);
  if (order.length !== 1) return [`expected one TIME_ORDER, found ${order.length}`];
  const slots = arr(order[0]!.TIME_SLOT);
  const problems: string[] = [];
  const values = slots.map((s) => s['@TIME_VALUE']).filter((v) => v !== undefined).map(Number);
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) problems.push(`TIME_SLOT values not ascending at ${i}`);
  const ids = new Set(slots.map((s) => String(s['@TIME_SLOT_ID'])));
  const used = new Set<string>();
  for (const a of alignable(root)) {
    for (const ref of [a['@TIME_SLOT_REF1'], a['@TIME_SLOT_REF2']].map(String)) {
      if (!ids.has(ref)) problems.push(`annotation ${String(a['@ANNOTATION_ID'])} refers to missing time slot ${ref}`);
      used.add(ref);
    }
  }
  for (const id of ids) if (!used.has(id)) problems.push(`time slot ${id} is not referenced`);
  return problems;
}

function tierProblems(root: Node): string[] {
  const types = new Set(arr(root.LINGUISTIC_TYPE).map((t) => String(t['@LINGUISTIC_TYPE_ID'])));
  const problems: string[] = [];
  for (const t of arr(root.TIER)) {
    const ref = String(t['@LINGUISTIC_TYPE_REF']);
    if (!types.has(ref)) problems.push(`tier ${String(t['@TIER_ID'])} uses undefined linguistic type ${ref}`);
  }
  const cvs = new Set(arr(root.CONTROLLED_VOCABULARY).map((c) => String(c['@CV_ID'])));
  for (const t of arr(root.LINGUISTIC_TYPE)) {
    const cv = t['@CONTROLLED_VOCABULARY_REF'];
    if (cv !== undefined && !cvs.has(String(cv))) problems.push(`linguistic type ${String(t['@LINGUISTIC_TYPE_ID'])} uses undefined vocabulary ${String(cv)}`);
  }
  return problems;
}

function idProblems(root: Node): string[] {
  const problems: string[] = [];
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) (seen.has(id) ? problems.push(`duplicate ${what} ${id}`) : seen.add(id));
  };
  unique('tier id', arr(root.TIER).map((t) => String(t['@TIER_ID'])));
  unique('annotation id', alignable(root).map((a) => String(a['@ANNOTATION_ID'])));
  unique('time slot id', arr(arr(root.TIME_ORDER)[0]?.TIME_SLOT).map((s) => String(s['@TIME_SLOT_ID'])));
  return problems;
}

function alignable(root: Node): Node[] {
  return arr(root.TIER).flatMap((t) => arr(t.ANNOTATION)).flatMap((a) => arr(a.ALIGNABLE_ANNOTATION));
}
