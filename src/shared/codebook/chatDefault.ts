/**
 * The default CHAT codebook seeded into every new project (shared/domain/chat-primer.md):
 * the seven elements for two activity systems, a shared object, the four contradiction
 * levels and the three observation marker types. Pure: ids and clock are injected.
 */
import {
  CHAT_ELEMENTS,
  CHAT_ELEMENT_LABELS,
  CONTRADICTION_LEVELS,
  CONTRADICTION_LEVEL_LABELS,
  type ActivitySystem,
  type ChatElement,
  type Code,
  type Uuid,
} from '../domain';

export const DEFAULT_SYSTEM_NAMES = ['Researchers', 'Practitioners'] as const;

/** Hotkeys: Researchers' elements on 1–7, Practitioners' on q w e r t y u, shared object on 8. */
const SYSTEM_HOTKEYS: string[][] = [
  ['1', '2', '3', '4', '5', '6', '7'],
  ['q', 'w', 'e', 'r', 't', 'y', 'u'],
];

/** One hue per element; the second system gets a darker shade of the same hue. */
export const ELEMENT_COLORS: Record<ChatElement, [string, string]> = {
  subject: ['#4e79a7', '#2b4c73'],
  object: ['#f28e2b', '#b35f0f'],
  tools: ['#59a14f', '#346b2d'],
  rules: ['#e15759', '#a12a2c'],
  community: ['#76b7b2', '#3f7f7a'],
  division_of_labor: ['#edc948', '#a88a12'],
  outcome: ['#b07aa1', '#7a4a6d'],
};

export const MARKER_TYPES = [
  { name: 'Challenge', hotkey: 'c', color: '#d62728', definition: 'A moment where a participant meets a difficulty or pushes back.' },
  { name: 'Artifact', hotkey: 'a', color: '#8c564b', definition: 'A material or conceptual artifact is introduced, shown or used.' },
  { name: 'Moment of clarity', hotkey: 'm', color: '#17becf', definition: 'Someone voices a new understanding of the object or the task.' },
] as const;

const ELEMENT_DEFINITIONS: Record<ChatElement, string> = {
  subject: 'The person or group whose perspective the activity is seen from.',
  object: 'What the activity is directed at: the problem being worked on.',
  tools: 'Material or conceptual tools used to act on the object (a template, a protocol, a slide).',
  rules: 'Explicit or implicit norms, conventions and expectations.',
  community: 'The wider group that shares the object.',
  division_of_labor: 'Who does what: horizontal and vertical splits of work and power.',
  outcome: 'What the activity produces or changes.',
};

const LEVEL_DEFINITIONS: Record<string, string> = {
  primary: 'Inside one element of one system (e.g. the template is both a help and a constraint).',
  secondary: 'Between two elements of the same system (e.g. subject ↔ object).',
  tertiary: 'Between the object of the current activity and a culturally more advanced form of it.',
  quaternary: 'Between the central activity and a neighbouring activity system.',
};

/**
 * Keys a new code may take: digits, then letters; never the keys the default key map uses for
 * transport and marking (i o j k l p), so coding keys and player keys never collide.
 */
const HOTKEY_POOL = [...'1234567890', ...'abcdefghmnqrstuvwxyz'];

/** The first `n` hotkeys not in `used`, in pool order (fewer when the pool runs out). */
export function freeHotkeys(used: ReadonlySet<string>, n: number): string[] {
  return HOTKEY_POOL.filter((k) => !used.has(k)).slice(0, n);
}

/**
 * An activity system's codes: its group (named like the system) and the seven CHAT element
 * codes inside it, coloured by element (alternating shades by the system's position) and given
 * `hotkeys` in element order (an element without one gets none).
 */
export function systemCodes(system: ActivitySystem, index: number, hotkeys: readonly string[], o: { newId: () => Uuid; now: number; groupSort: number }): Code[] {
  const stamp = () => ({ id: o.newId(), createdAt: o.now, updatedAt: o.now });
  const group: Code = {
    ...stamp(), name: system.name, kind: 'group', element: null, systemId: system.id, contradictionLevel: null, parentId: null,
    color: index % 2 === 0 ? '#4e79a7' : '#59a14f', hotkey: null, definition: `The ${system.name.toLowerCase()}' activity system.`, sortOrder: o.groupSort,
  };
  const elements = CHAT_ELEMENTS.map((element, ei): Code => ({
    ...stamp(), name: CHAT_ELEMENT_LABELS[element], kind: 'element', element, systemId: system.id, contradictionLevel: null,
    parentId: group.id, color: ELEMENT_COLORS[element][index % 2], hotkey: hotkeys[ei] ?? null, definition: ELEMENT_DEFINITIONS[element], sortOrder: ei,
  }));
  return [group, ...elements];
}

export interface SeedCodebook {
  systems: ActivitySystem[];
  codes: Code[];
}

export function defaultCodebook(newId: () => Uuid, now: number): SeedCodebook {
  const stamp = () => ({ id: newId(), createdAt: now, updatedAt: now });
  const systems: ActivitySystem[] = DEFAULT_SYSTEM_NAMES.map((name, i) => ({ ...stamp(), name, sortOrder: i }));
  const codes: Code[] = [];
  const add = (c: Omit<Code, 'id' | 'createdAt' | 'updatedAt' | 'sortOrder'>): Code => {
    const code: Code = { ...stamp(), sortOrder: codes.filter((x) => x.parentId === c.parentId).length, ...c };
    codes.push(code);
    return code;
  };
  const base = { element: null, systemId: null, contradictionLevel: null, parentId: null, hotkey: null, definition: '' };

  systems.forEach((system, si) => {
    for (const c of systemCodes(system, si, SYSTEM_HOTKEYS[si] ?? [], { newId, now, groupSort: si })) codes.push(c);
  });
  add({ ...base, name: 'Shared object', kind: 'element', element: 'object', color: '#ff9d3a', hotkey: '8', definition: 'The object shared by the interacting activity systems (e.g. the jointly written brief).' });

  const contradictions = add({ ...base, name: 'Contradictions', kind: 'group', color: '#7f7f7f', definition: 'Historically accumulated tensions, where change and learning happen.' });
  for (const level of CONTRADICTION_LEVELS) {
    add({ ...base, name: CONTRADICTION_LEVEL_LABELS[level], kind: 'contradiction', contradictionLevel: level, parentId: contradictions.id, color: '#9467bd', definition: LEVEL_DEFINITIONS[level] });
  }
  const markers = add({ ...base, name: 'Markers', kind: 'group', color: '#555555', definition: 'Observation markers: point events dropped with one key press.' });
  for (const m of MARKER_TYPES) {
    add({ ...base, name: m.name, kind: 'marker', parentId: markers.id, color: m.color, hotkey: m.hotkey, definition: m.definition });
  }
  return { systems, codes };
}
