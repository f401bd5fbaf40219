/** A small but complete ProjectSnapshot for the interop tests. Ids are UUIDs derived from names. */
import type { ChatElement, Code, CodeKind, Media, ProjectSnapshot, Segment } from '../../../src/shared/domain';
import { stableUuid } from '../../../src/shared/interop/ids';

export const u = (name: string): string => stableUuid('fixture', name);
const T0 = Date.UTC(2024, 4, 14, 9, 30, 0);
const stamp = (n = 0): { createdAt: number; updatedAt: number } => ({ createdAt: T0 + n, updatedAt: T0 + n + 500 });

function code(name: string, kind: CodeKind, parent: string | null, extra: Partial<Code> = {}, sortOrder = 0): Code {
  return {
    id: u(`code:${extra.systemId ?? ''}:${name}`),
    name,
    kind,
    element: null,
    systemId: null,
    contradictionLevel: null,
    parentId: parent,
    color: '#3366cc',
    hotkey: null,
    definition: '',
    sortOrder,
    ...stamp(sortOrder),
    ...extra,
  };
}

export function fixtureSnapshot(): ProjectSnapshot {
  const researchers = { id: u('sys:researchers'), name: 'Researchers', sortOrder: 0, ...stamp() };
  const coaches = { id: u('sys:coaches'), name: 'Coaches', sortOrder: 1, ...stamp() };
  const gR = code('Researchers', 'group', null, { color: '#112233' }, 0);
  const gC = code('Coaches', 'group', null, { color: '#445566' }, 1);
  const el = (sys: typeof researchers, g: Code, element: ChatElement, i: number, extra: Partial<Code> = {}): Code =>
    code(element === 'division_of_labor' ? 'Division of labour' : element[0].toUpperCase() + element.slice(1), 'element', g.id, { element, systemId: sys.id, ...extra }, i);
  const rTools = el(researchers, gR, 'tools', 0, { hotkey: '1', definition: 'Templates, protocols & slides <used> to act on the "object".\nSecond line.', color: '#abc' });
  const rRules = el(researchers, gR, 'rules', 1, { hotkey: '2' });
  const rSubject = el(researchers, gR, 'subject', 2);
  const rDol = el(researchers, gR, 'division_of_labor', 3);
  const cTools = el(coaches, gC, 'tools', 0);
  const cCommunity = el(coaches, gC, 'community', 1);
  const sharedObject = code('Shared object', 'element', null, { element: 'object', definition: 'The jointly written brief.', color: 'rgb(1,2,3)' }, 2);
  const gContra = code('Contradictions', 'group', null, {}, 3);
  const primary = code('Primary', 'contradiction', gContra.id, { contradictionLevel: 'primary' }, 0);
  const secondary = code('Secondary', 'contradiction', gContra.id, { contradictionLevel: 'secondary' }, 1);
  const gMarkers = code('Markers', 'group', null, {}, 4);
  const challenge = code('Challenge', 'marker', gMarkers.id, { hotkey: 'c' }, 0);
  const clarity = code('Moment of clarity', 'marker', gMarkers.id, {}, 1);
  const custom = code('Trust — “Vertrauen”', 'custom', null, { definition: 'Über Vertrauen 🙂' }, 5);
  const codes = [gR, gC, rTools, rRules, rSubject, rDol, cTools, cCommunity, sharedObject, gContra, primary, secondary, gMarkers, challenge, clarity, custom];

  const alice = { id: u('coder:alice'), name: 'Alice', color: '#e41a1c', isConsensus: false, ...stamp() };
  const bob = { id: u('coder:bob'), name: 'Bob & Co <2>', color: '#377eb8', isConsensus: false, ...stamp() };
  const consensus = { id: u('coder:consensus'), name: 'Consensus', color: '#999999', isConsensus: true, ...stamp() };

  const m1 = { id: u('media:1'), path: '/home/ana/videos/Workshop 1.mp4', name: 'Workshop 1.mp4', fingerprint: 'ab'.repeat(32), size: 123_456_789, durationMs: 5_400_123, lastPositionMs: 61_000, frameRate: 25, ...stamp() } as Media;
  const m2 = { id: u('media:2'), path: 'C:\\Users\\ana\\Workshop 2.mov', name: 'Workshop 2.mov', fingerprint: 'cd'.repeat(32), size: 42, durationMs: null, lastPositionMs: 0, frameRate: null, ...stamp() } as Media;

  let n = 0;
  const seg = (media: string, coder: string, startMs: number, endMs: number, codeIds: string[], note = ''): Segment => ({
    id: u(`seg:${n++}`),
    mediaId: media,
    coderId: coder,
    startMs,
    endMs,
    note,
    codeIds,
    ...stamp(n),
  });
  const segments = [
    seg(m1.id, alice.id, 1_001, 12_345, [rTools.id, sharedObject.id], 'Template shown; "academic" look & <feel>.\nSecond line ☃'),
    seg(m1.id, alice.id, 10_000, 20_000, [cTools.id]), // overlaps the first (same element, other system)
    seg(m1.id, alice.id, 15_500, 15_500, [challenge.id], 'point marker'),
    seg(m1.id, bob.id, 1_000, 12_400, [rTools.id]),
    seg(m1.id, bob.id, 30_000, 45_999, [rRules.id, secondary.id]),
    seg(m1.id, bob.id, 60_000, 61_234, []), // uncoded segment
    seg(m1.id, consensus.id, 1_000, 12_345, [rTools.id]),
    seg(m2.id, alice.id, 0, 3_723_004, [cCommunity.id, custom.id]),
    seg(m2.id, bob.id, 5, 7, [clarity.id, rDol.id, rSubject.id]),
  ];

  return {
    projectId: u('project'),
    name: 'Brief-writing workshops',
    systems: [researchers, coaches],
    media: [m1, m2],
    coders: [alice, bob, consensus],
    codes,
    segments,
    memos: [
      { id: u('memo:project'), scope: 'project', mediaId: null, segmentId: null, coderId: alice.id, timeMs: null, title: 'Overall', body: 'Project-level memo\nwith two lines & <tags>.', ...stamp() },
      { id: u('memo:media'), scope: 'media', mediaId: m1.id, segmentId: null, coderId: bob.id, timeMs: 61_000, title: 'At the break', body: 'Coaches start talking.', ...stamp() },
      { id: u('memo:segment'), scope: 'segment', mediaId: m1.id, segmentId: segments[4].id, coderId: null, timeMs: null, title: 'Why rules', body: 'Because "briefs look academic".', ...stamp() },
    ],
    contradictions: [
      { id: u('contra:1'), level: 'secondary', elementA: 'subject', systemA: researchers.id, elementB: 'object', systemB: null, coderId: bob.id, status: 'aggravated', note: 'Academic interests vs.\npractitioner-centred briefs.', evidenceSegmentIds: [segments[4].id, segments[0].id, segments[3].id], ...stamp() },
      { id: u('contra:2'), level: 'primary', elementA: 'tools', systemA: researchers.id, elementB: 'tools', systemB: researchers.id, coderId: alice.id, status: 'unresolved', note: '', evidenceSegmentIds: [segments[0].id], ...stamp() },
      { id: u('contra:3'), level: 'quaternary', elementA: 'object', systemA: researchers.id, elementB: 'object', systemB: coaches.id, coderId: alice.id, status: 'being_worked_on', note: 'No evidence yet.', evidenceSegmentIds: [], ...stamp() },
    ],
    themes: [{ id: u('theme:1'), name: 'Whose brief?', description: 'Ownership of the brief.', sortOrder: 0, codeIds: [rTools.id, custom.id], ...stamp() }],
  };
}
