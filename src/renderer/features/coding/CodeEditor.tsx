import { useMemo, useState } from 'react';
import { codePath, type Code } from '../../../shared/domain';
import { useApp } from '../../store';
import { Dialog } from '../../components/Dialog';

/** Add or edit a code; deleting a code in use asks first, naming what would go with it. */
export function CodeEditor({ code, onClose }: { code: Code | null; onClose: () => void }) {
  const project = useApp((s) => s.project)!;
  const { createCode, updateCode, deleteCode, codeUsage, renameSystem } = useApp.getState();
  const [name, setName] = useState(code?.name ?? '');
  const [color, setColor] = useState(code?.color ?? '#888888');
  const [parentId, setParentId] = useState<string>(code?.parentId ?? '');
  const [hotkey, setHotkey] = useState(code?.hotkey ?? '');
  const [definition, setDefinition] = useState(code?.definition ?? '');
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byId = useMemo(() => new Map(project.codes.map((c) => [c.id, c])), [project.codes]);
  const parents = useMemo(() => {
    const banned = new Set<string>();
    if (code) {
      // a code cannot be nested inside itself or its own sub-codes
      const walk = (id: string) => {
        banned.add(id);
        project.codes.filter((c) => c.parentId === id).forEach((c) => walk(c.id));
      };
      walk(code.id);
    }
    return project.codes.filter((c) => !banned.has(c.id)).map((c) => ({ id: c.id, label: codePath(c, byId) })).sort((a, b) => a.label.localeCompare(b.label));
  }, [project.codes, code, byId]);
  const system = code?.kind === 'group' && code.systemId ? project.systems.find((s) => s.id === code.systemId) : undefined;

  const save = async () => {
    setError(null);
    try {
      const common = { color, parentId: parentId || null, hotkey: hotkey || null, definition };
      if (code) {
        if (system && name.trim() !== system.name) await renameSystem(system.id, name.trim());
        await updateCode({ id: code.id, ...(system ? {} : { name: name.trim() }), ...common });
      } else {
        await createCode({ name: name.trim(), ...common });
      }
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const askDelete = async () => {
    if (!code) return;
    const u = await codeUsage(code.id);
    const parts = [];
    if (u.segments) parts.push(`it is applied to ${u.segments} segment${u.segments === 1 ? '' : 's'} (those links will be removed; the segments stay)`);
    if (u.descendants) parts.push(`its ${u.descendants} sub-code${u.descendants === 1 ? '' : 's'} will be deleted too`);
    if (u.themes) parts.push(`it is in ${u.themes} theme${u.themes === 1 ? '' : 's'}`);
    setConfirm(parts.length ? `Delete "${code.name}"? ${parts.join('; ')}.` : `Delete "${code.name}"? It is not used anywhere.`);
  };

  return (
    <Dialog label={code ? `Edit code ${code.name}` : 'New code'} onClose={onClose}>
        <h2>{code ? (system ? 'Activity system' : 'Edit code') : 'New code'}</h2>
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Code name" autoFocus /></label>
        <label>Colour <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label="Code colour" /></label>
        <label>Inside
          <select value={parentId} onChange={(e) => setParentId(e.target.value)} aria-label="Parent code">
            <option value="">(top level)</option>
            {parents.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        <label>Hotkey <input value={hotkey} maxLength={1} onChange={(e) => setHotkey(e.target.value.toLowerCase())} aria-label="Hotkey" placeholder="a–z, 0–9" /></label>
        <label>Definition <textarea value={definition} onChange={(e) => setDefinition(e.target.value)} rows={3} aria-label="Definition" /></label>
        {error && <p className="error" role="alert">{error}</p>}
        {confirm ? (
          <div className="confirm" role="alertdialog" aria-label="Confirm delete">
            <p>{confirm}</p>
            <button className="danger" onClick={() => void deleteCode(code!.id).then(onClose, (e: Error) => setError(e.message))}>Delete</button>
            <button onClick={() => setConfirm(null)}>Keep it</button>
          </div>
        ) : (
          <div className="row">
            <button className="primary" onClick={() => void save()} disabled={!name.trim()}>Save</button>
            <button onClick={onClose}>Cancel</button>
            <span className="spacer" />
            {code && <button className="danger" onClick={() => void askDelete()}>Delete…</button>}
          </div>
        )}
    </Dialog>
  );
}
