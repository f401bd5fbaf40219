/**
 * Participants service: the people in the recordings, their attributes and groups, who a segment
 * or contradiction is about, the roster CSV, transcript speakers and the comparison tables. Every
 * change is one undo step (store.recordEdit). In a coder file participants may be added and
 * edited (a merge adds them), but links only on the file's own coder's segments.
 */
import type { ServiceOf } from '../../../shared/contract';
import type { participantsContract } from '../../../shared/contract/participants';
import type { Uuid } from '../../../shared/domain';
import { UserError } from '../../../shared/errors';
import type { ProjectStore } from '../../db/store';
import * as t from '../../db/tables/participants';
import { compareMatrixOf, participantSnapshot } from './compare';
import { matrixExportFiles } from './matrixExport';
import { dataRows } from '../export/export';
import { importRoster, previewRoster } from './roster';
import { addSpeakers, codeCues, transcriptSpeakers } from './speakers';

export function participantsService(store: ProjectStore): ServiceOf<typeof participantsContract> {
  const db = store.db;
  const edit = <T>(label: string, fn: (now: number) => T): T => store.recordEdit(label, () => fn(store.now()));
  /** In a coder file only its own coder's segments and contradictions may be changed. */
  const checkOwner = (coderId: Uuid) => {
    const only = store.getMeta('coder_file_for');
    if (only && only !== coderId) throw new UserError('forbidden', "This coder file belongs to another coder; only its own coder's segments can be changed");
  };
  /** Deleting is the main study's: a coder file's deletion would not be merged. */
  const notInCoderFile = () => {
    if (store.getMeta('coder_file_for')) throw new UserError('forbidden', 'This is a coder file; delete participants, attributes and groups in the main study');
  };
  return {
    async listParticipants() {
      return { participants: t.listParticipants(db), attributes: t.listAttributes(db), groups: t.listGroups(db) };
    },
    async addParticipant(input) {
      return edit(`Add participant "${input.name}"`, (now) => t.insertParticipant(db, input, now));
    },
    async updateParticipant({ id, ...patch }) {
      return edit('Edit participant', (now) => t.updateParticipant(db, id, patch, now));
    },
    async participantUsage({ id }) {
      return t.participantUsage(db, id);
    },
    async deleteParticipant({ id }) {
      notInCoderFile();
      edit('Delete participant', (now) => t.deleteParticipant(db, id, now));
      return { id };
    },
    async reorderParticipants({ ids }) {
      return edit('Reorder participants', (now) => {
        t.reorderParticipants(db, ids, now);
        return t.listParticipants(db);
      });
    },
    async addAttribute(input) {
      return edit(`Add attribute "${input.name}"`, (now) => t.insertAttribute(db, input, now));
    },
    async updateAttribute({ id, name }) {
      return edit('Rename attribute', (now) => t.renameAttribute(db, id, name, now));
    },
    async deleteAttribute({ id }) {
      notInCoderFile();
      edit('Delete attribute', (now) => t.deleteAttribute(db, id, now));
      return { id };
    },
    async addGroup(input) {
      return edit(`Add group "${input.name}"`, (now) => t.insertGroup(db, input, now));
    },
    async updateGroup({ id, ...patch }) {
      return edit(patch.memberIds ? 'Change group members' : 'Rename group', (now) => t.updateGroup(db, id, patch, now));
    },
    async deleteGroup({ id }) {
      notInCoderFile();
      edit('Delete group', (now) => t.deleteGroup(db, id, now));
      return { id };
    },
    async setSegmentParticipants({ segmentId, participantIds }) {
      checkOwner(store.getSegment(segmentId).coderId);
      return edit('Set participants', (now) => {
        t.setSegmentParticipants(db, segmentId, participantIds, now);
        return store.getSegment(segmentId);
      });
    },
    async toggleSegmentParticipant({ segmentIds, participantId, on }) {
      const segments = segmentIds.map((id) => store.getSegment(id));
      for (const s of segments) checkOwner(s.coderId);
      const name = t.getParticipant(db, participantId).name;
      const add = on ?? segments.some((s) => !(s.participantIds ?? []).includes(participantId));
      return edit(`${add ? 'Add' : 'Remove'} participant "${name}"`, (now) =>
        segments.map((s) => {
          const cur = new Set(s.participantIds ?? []);
          if (add) cur.add(participantId);
          else cur.delete(participantId);
          t.setSegmentParticipants(db, s.id, [...cur], now);
          return store.getSegment(s.id);
        }),
      );
    },
    async setContradictionParticipants({ contradictionId, participantIds }) {
      checkOwner(store.getContradiction(contradictionId).coderId);
      return edit('Set contradiction participants', (now) => {
        t.setContradictionParticipants(db, contradictionId, participantIds, now);
        return store.getContradiction(contradictionId);
      });
    },
    async previewRoster(src) {
      return previewRoster(store, src);
    },
    async importRoster(src) {
      return importRoster(store, src);
    },
    async transcriptSpeakers({ mediaId }) {
      return transcriptSpeakers(store, mediaId);
    },
    async addSpeakersAsParticipants({ speakers }) {
      return addSpeakers(store, speakers);
    },
    async codeCues(input) {
      checkOwner(input.coderId);
      return codeCues(store, input);
    },
    async compareMatrix(req) {
      return compareMatrixOf(store, req);
    },
    async exportMatrix({ wide, bom, ...req }) {
      const files = matrixExportFiles(participantSnapshot(store), req, { wide, bom });
      return { files, rows: dataRows(files[0]!.text) };
    },
  };
}
