/**
 * A roster CSV (`participant,role,system,group,<attribute>…`): checked first (nothing changes; a
 * bad file is refused whole, naming each bad row and column), then imported in one undo step.
 */
import { useApp } from '../../store';
import { PickButton } from '../studies/PickButton';
import { rosterProblems } from './rosterProblems';

export function RosterImport() {
  const roster = useApp((s) => s.roster);
  const { previewRoster, importRoster } = useApp.getState();
  const p = roster?.preview;
  return (
    <div className="pt-box" data-testid="settings-roster">
      <h3 className="st-sub">Roster CSV</h3>
      <p className="muted st-help">
        One row per participant: <code>participant,role,system,group,…</code>; further columns are attributes. Several groups go in one cell separated by <code>;</code>.
      </p>
      <div className="st-row">
        <PickButton label="Choose a roster CSV…" testId="roster-pick" req={{ mode: 'open', title: 'Roster CSV to import', accept: ['.csv'] }} onPick={(path) => void previewRoster(path)} />
      </div>
      {roster?.error && (
        <div className="st-preview pt-errors" role="alert" data-testid="roster-errors">
          <p>{rosterProblems(roster.error).head}. Fix the file and choose it again.</p>
          <ul>{rosterProblems(roster.error).problems.map((line, i) => <li key={i} data-testid="roster-problem">{line}</li>)}</ul>
        </div>
      )}
      {p && (
        <div className="st-preview" data-testid="roster-preview">
          <p>
            <strong>{p.participantsAdded}</strong> participant(s) to add, <strong>{p.participantsUpdated}</strong> to update, {p.groupsAdded} new group(s), {p.attributesAdded} new attribute(s), {p.memberships} group membership(s).
          </p>
          <button onClick={() => void importRoster()}>Import</button>
        </div>
      )}
      {roster?.done && <p className="st-done" data-testid="roster-done">Imported {roster.done.file}: {roster.done.participantsAdded} added, {roster.done.participantsUpdated} updated.</p>}
    </div>
  );
}
