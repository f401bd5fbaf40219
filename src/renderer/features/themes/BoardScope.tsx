/** The scope of the board's figures and diagram: whose codings and which media. */
import { useApp } from '../../store';

export function BoardScope() {
  const project = useApp((s) => s.project)!;
  const f = useApp((s) => s.boardFilters);
  const setFilters = useApp((s) => s.setBoardFilters);
  const coderValue = f.consensusOnly ? 'consensus' : (f.coderIds?.[0] ?? '');
  const hasConsensus = project.coders.some((c) => c.isConsensus);
  return (
    <div className="th-scope" role="group" aria-label="Figures scope">
      <label>
        Codings of{' '}
        <select
          aria-label="Coders in the figures"
          value={coderValue}
          onChange={(e) => {
            const v = e.target.value;
            void setFilters({ ...f, coderIds: v && v !== 'consensus' ? [v] : undefined, consensusOnly: v === 'consensus' ? true : undefined });
          }}
        >
          <option value="">all coders</option>
          {hasConsensus && <option value="consensus">the consensus layer</option>}
          {project.coders.filter((c) => !c.isConsensus).map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </label>
      {project.media.length > 1 && (
        <label>
          in{' '}
          <select aria-label="Media in the figures" value={f.mediaIds?.[0] ?? ''} onChange={(e) => void setFilters({ ...f, mediaIds: e.target.value ? [e.target.value] : undefined })}>
            <option value="">all media</option>
            {project.media.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
