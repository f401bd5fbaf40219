/** The codebook on the left of the theme board: every code can be dragged onto a theme card. */
import { useMemo, type KeyboardEvent } from 'react';
import { pushTo } from '../../../shared/collections';
import type { Code } from '../../../shared/domain';
import { formatHms } from '../../../shared/time';
import { useApp } from '../../store';
import { startCodeDrag } from './dnd';

const NO_CODES: Code[] = [];

/** Enter adds the code to the target theme; ↑/↓ move between codes. */
function onCodeKey(e: KeyboardEvent<HTMLLIElement>, codeId: string, themeId: string | undefined): void {
  if (e.key === 'Enter' && themeId) {
    e.preventDefault();
    void useApp.getState().addCodeToTheme(themeId, codeId).catch(() => undefined);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
    (next as HTMLElement | null)?.focus();
  }
}

export function CodeList() {
  const codes = useApp((s) => s.project?.codes) ?? NO_CODES;
  const figures = useApp((s) => s.board?.figures.codes);
  const themes = useApp((s) => s.board?.themes);
  const targetId = useApp((s) => s.themeTarget);
  const target = themes?.find((t) => t.id === targetId) ?? themes?.[0];
  const rows = useMemo(() => {
    const children = new Map<string | null, Code[]>();
    for (const c of codes) pushTo(children, c.parentId, c);
    for (const list of children.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    const out: { code: Code; depth: number }[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const c of children.get(parent) ?? []) {
        out.push({ code: c, depth });
        walk(c.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [codes]);
  const inThemes = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of themes ?? []) for (const c of t.codeIds) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  }, [themes]);

  return (
    <div className="th-codes">
      <div className="panel-head">
        <h2>Codebook</h2>
        <span className="muted th-hint">drag onto a theme, or Enter</span>
      </div>
      <ul className="th-code-list" aria-label="Codes">
        {rows.map(({ code, depth }) => {
          const f = figures?.[code.id];
          const n = inThemes.get(code.id) ?? 0;
          return (
            <li
              key={code.id}
              className={`th-code kind-${code.kind}`}
              style={{ paddingLeft: 8 + depth * 14 }}
              draggable
              data-testid={`theme-source-${code.name}`}
              data-code-id={code.id}
              onDragStart={(e) => startCodeDrag(e, { codeId: code.id, fromTheme: null }, code.name)}
              tabIndex={0}
              data-own-keys
              aria-label={`${code.name}${target ? `: Enter adds it to theme ${target.name}` : ''}`}
              onKeyDown={(e) => onCodeKey(e, code.id, target?.id)}
              title={`${code.definition || code.name}\nDrag onto a theme card, or press Enter, to put it in that theme (${target ? target.name : 'create a theme first'}).`}
            >
              <span className="swatch" style={{ background: code.color }} />
              <span className="th-code-name">{code.name}</span>
              {n > 0 && <span className="th-in-themes" title={`In ${n} theme${n > 1 ? 's' : ''}`}>◆{n > 1 ? n : ''}</span>}
              {f && f.segments + f.consensusSegments > 0 && (
                <span className="th-code-fig" title={`${f.segments} coders' segments${f.consensusSegments ? ` (+${f.consensusSegments} consensus)` : ''}, ${formatHms(f.codedMs)} coded`}>
                  {f.segments} · {formatHms(f.codedMs)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
