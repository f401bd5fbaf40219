/** The start screen: New study…, Open study…, Open the demo, recent studies (missing ones marked, removable), and restoring a backup. */
import { useState } from 'react';
import type { BackupEntry, RecentStudyInfo } from '../../../shared/contract/studies';
import { STUDY_TYPES } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { client } from '../../store/client';
import { openStudy } from './commands';
import { pickOne } from './pick';

export function StartScreen() {
  const study = useApp((s) => s.study);
  const switchStudy = useApp((s) => s.switchStudy);
  const setDialog = useApp((s) => s.setStudyDialog);
  return (
    <main className="start-screen" data-testid="start-screen">
      <h1>Triangulate</h1>
      {study?.message && <p className="start-message" role="alert">{study.message}</p>}
      <div className="row start-actions">
        <button className="primary" data-testid="start-new" onClick={() => setDialog('newStudy')}>New study…</button>
        <button data-testid="start-open" onClick={() => void openStudy()}>Open study…</button>
        <button data-testid="start-demo" onClick={() => void switchStudy(client().api.openDemo({}))}>Open the demo</button>
      </div>
      <h2>Recent studies</h2>
      {study?.recent.length ? (
        <table className="recent-table" data-testid="recent-studies">
          <thead>
            <tr><th>Study</th><th>Where</th><th>Last opened</th><th>Segments</th><th>Coders</th><th /></tr>
          </thead>
          <tbody>{study.recent.map((r) => <RecentRow key={r.file} r={r} />)}</tbody>
        </table>
      ) : (
        <p className="muted">None yet. Create a study, or open one.</p>
      )}
      <label className="row start-backups">
        <input
          type="checkbox"
          checked={study?.backupsEnabled ?? true}
          onChange={(e) => void client().api.setBackups({ enabled: e.target.checked }).then((st) => useApp.setState({ study: st }))}
        />
        Keep daily automatic backups beside each study (the last 7, in a <code>.triangulate-backups</code> folder)
      </label>
    </main>
  );
}

function RecentRow({ r }: { r: RecentStudyInfo }) {
  const switchStudy = useApp((s) => s.switchStudy);
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  return (
    <>
      <tr className={r.missing ? 'missing' : ''} data-testid={`recent-${r.name}`}>
        <td>
          <button className="link" disabled={r.missing} onClick={() => void switchStudy(client().api.openStudy({ file: r.file }))}>{r.name}</button>
          {r.missing && <span className="badge" title="The file is not at this path any more"> missing</span>}
        </td>
        <td className="muted path">{r.file}</td>
        <td>{new Date(r.lastOpened).toLocaleString()}</td>
        <td>{r.segments}</td>
        <td>{r.coders}</td>
        <td className="row">
          <button onClick={() => void client().api.listBackups({ file: r.file }).then(setBackups)}>Backups…</button>
          <button aria-label={`Remove from list: ${r.name}`} onClick={() => void client().api.forgetRecent({ file: r.file }).then((st) => useApp.setState({ study: st }))}>Remove from list</button>
        </td>
      </tr>
      {backups && (
        <tr>
          <td colSpan={6}>
            {backups.length === 0 ? <span className="muted">No backups of this study.</span> : backups.map((b) => (
              <span key={b.file} className="backup">
                {b.day}{' '}
                <button onClick={() => void restore(r, b)}>Restore as a copy…</button>
              </span>
            ))}
          </td>
        </tr>
      )}
    </>
  );
}

async function restore(r: RecentStudyInfo, b: BackupEntry): Promise<void> {
  const file = await pickOne({ mode: 'save', title: 'Restore the backup as a new study', accept: STUDY_TYPES, defaultName: `${r.name} (${b.day}).triangulate` });
  if (file) await useApp.getState().switchStudy(client().api.restoreBackup({ backup: b.file, file }));
}
