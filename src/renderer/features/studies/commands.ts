/** What each study command does in the page: the Electron menu and web mode's Study menu both end here. */
import type { PageCommand } from '../../../shared/studies/commands';
import { RECORDING_TYPES, STUDY_TYPES } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { pickFiles, pickOne } from './pick';
import type { ViewId } from '../../views';

export async function addRecordings(): Promise<void> {
  const paths = await pickFiles({ mode: 'open', title: 'Add recordings', accept: RECORDING_TYPES, multiple: true });
  if (!paths?.length) return;
  const s = useApp.getState();
  const r = await s.track(client().api.addMediaFiles({ paths }));
  await s.loadProject();
  if (r.added[0] && !s.mediaId) await s.selectMedia(r.added[0].id);
  const added = r.added.length ? `Added ${r.added.map((m) => m.name).join(', ')}.` : '';
  s.showBanner(r.refused.length ? { kind: 'error', message: `${added} ${r.refused.map((x) => x.message).join(' ')}`.trim() } : { kind: 'info', message: added });
}

export async function openStudy(): Promise<void> {
  const file = await pickOne({ mode: 'open', title: 'Open a study', accept: STUDY_TYPES });
  if (file) await useApp.getState().switchStudy(client().api.openStudy({ file }));
}

async function saveCopy(): Promise<void> {
  const name = useApp.getState().project?.name ?? 'study';
  const file = await pickOne({ mode: 'save', title: 'Save a copy of the study', accept: STUDY_TYPES, defaultName: `${name} copy.triangulate` });
  if (!file) return;
  const s = useApp.getState();
  const r = await s.track(client().api.saveCopy({ file }));
  s.showBanner({ kind: 'info', message: `Saved a copy to ${r.file}.` });
}

const VIEW_OF: Partial<Record<PageCommand, ViewId>> = {
  viewCode: 'code', viewAgreement: 'agreement', viewReconcile: 'reconcile', viewThemes: 'themes', viewExchange: 'exchange', viewCompare: 'compare', import: 'exchange', export: 'exchange',
};

export async function runCommand(id: string, arg?: string): Promise<void> {
  const s = useApp.getState();
  const view = VIEW_OF[id as PageCommand];
  if (view) return s.setView(view);
  try {
    switch (id) {
      case 'newStudy': return s.setStudyDialog('newStudy');
      case 'openStudy': return await openStudy();
      case 'openRecent': return await s.switchStudy(client().api.openStudy({ file: arg! }));
      case 'openDemo': return await s.switchStudy(client().api.openDemo({}));
      case 'closeStudy': return await s.switchStudy(client().api.closeStudy({}));
      case 'addRecordings': return await addRecordings();
      case 'saveCopy': return await saveCopy();
      case 'studySettings': return s.setView('settings');
      case 'recordings': return s.setStudyDialog('recordings');
      case 'undo':
      case 'redo':
        // in a text field the field's own undo applies; elsewhere the app's
        if (document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement) return void document.execCommand(id);
        return await (id === 'undo' ? s.undo() : s.redo());
      case 'keyMap': return s.setHelpOpen(true);
      case 'about': return s.setStudyDialog('about');
    }
  } catch {
    /* track() or the banner shows the reason */
  }
}
