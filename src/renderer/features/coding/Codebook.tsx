/**
 * The codebook tree. Clicking a code's name codes the marked range (like its hotkey); the pencil
 * opens the editor (rename, recolour, nest, hotkey, definition, delete).
 */
import { useMemo, useState, type ReactElement } from 'react';
import { pushTo } from '../../../shared/collections';
import type { Code } from '../../../shared/domain';
import { useApp } from '../../store';
import { CodeEditor } from './CodeEditor';

const NO_CODES: Code[] = [];

export function Codebook() {
  const codes = useApp((s) => s.project?.codes) ?? NO_CODES;
  const applyCode = useApp((s) => s.applyCode);
  const [editing, setEditing] = useState<Code | 'new' | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const children = useMemo(() => {
    const m = new Map<string | null, Code[]>();
    for (const c of codes) pushTo(m, c.parentId, c);
    for (const list of m.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
    return m;
  }, [codes]);

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderLevel = (parentId: string | null, depth: number): ReactElement[] =>
    (children.get(parentId) ?? []).map((code) => {
      const kids = children.get(code.id) ?? [];
      const open = !collapsed.has(code.id);
      return (
        <li key={code.id} role="treeitem" aria-expanded={kids.length ? open : undefined} aria-level={depth + 1}>
          <div className={`code-row kind-${code.kind}`} style={{ paddingLeft: 4 + depth * 14 }}>
            {kids.length ? (
              <button className="twisty" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => toggle(code.id)}>{open ? '▾' : '▸'}</button>
            ) : (
              <span className="twisty" />
            )}
            <span className="swatch" style={{ background: code.color }} />
            <button className="code-name" data-testid={`code-${code.name}`} title={code.kind === 'group' ? `${code.definition ? `${code.definition}\n` : ''}Show or hide the codes of ${code.name}` : code.definition || `Code the marked range with ${code.name}`} onClick={() => (code.kind === 'group' ? toggle(code.id) : void applyCode(code.id).catch(() => undefined))}>
              {code.name}
            </button>
            {code.hotkey && <kbd title="Hotkey">{code.hotkey}</kbd>}
            <button className="icon edit" aria-label={`Edit ${code.name}`} onClick={() => setEditing(code)}>✎</button>
          </div>
          {kids.length > 0 && open && <ul role="group">{renderLevel(code.id, depth + 1)}</ul>}
        </li>
      );
    });

  return (
    <div className="codebook">
      <div className="panel-head">
        <h2>Codebook</h2>
        <button onClick={() => setEditing('new')}>+ Code</button>
      </div>
      <ul className="code-tree" role="tree" aria-label="Codes">{renderLevel(null, 0)}</ul>
      {editing && <CodeEditor code={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
