/**
 * Web mode's file browser (the page cannot see paths): folders and the files of the types the
 * step accepts, listed by the main process (names, sizes, dates only), starting in the home
 * folder; the path box takes a typed or pasted path. Answers the pending pickFiles request.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { FolderListing } from '../../../shared/contract/studies';
import { accepts } from '../../../shared/studies/picker';
import { useApp } from '../../store';
import { client } from '../../store/client';

const join = (dir: string, name: string) => {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
};
const size = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(1)} GB`);

export function FileBrowser() {
  const picking = useApp((s) => s.picking);
  if (!picking) return null;
  return <Browser key={picking.req.title} />;
}

function Browser() {
  const { req, resolve } = useApp((s) => s.picking)!;
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [saveName, setSaveName] = useState(req.defaultName ?? '');
  /** Save onto an existing file: the name waiting for "Replace". */
  const [replacing, setReplacing] = useState<string | null>(null);

  /** Only the latest listing request is shown, and the path box is left alone once the user has
   * gone into it while a listing loads: the first listing (home) arriving in the middle of typing
   * (or of a pasted path) must not rewrite it. */
  const requestSeq = useRef(0);
  const typedSince = useRef(false);
  const go = async (dir?: string) => {
    const seq = ++requestSeq.current;
    typedSince.current = false;
    try {
      const l = await client().api.listFolder({ path: dir, accept: req.accept });
      if (seq !== requestSeq.current) return null;
      setListing(l);
      if (!typedSince.current) setTyped(l.path);
      setSelected([]);
      setError(null);
      return l;
    } catch (e) {
      if (seq === requestSeq.current) setError((e as Error).message);
      return null;
    }
  };
  // the first listing (home) is asked for before the first paint, and never after the user has
  // already asked for a folder (a typed path and Enter can come before a passive effect runs)
  useLayoutEffect(() => {
    if (requestSeq.current === 0) void go();
  }, []);

  /** A typed path: a folder is opened; a file of an accepted type is chosen (open) or named (save). */
  const submitTyped = async () => {
    const l = await go(typed.trim());
    if (!l || l.path === typed.trim().replace(/[\\/]+$/, '') || req.mode === 'folder') return;
    const name = typed.trim().slice(l.path.length).replace(/^[\\/]+/, '');
    if (req.mode === 'save') setSaveName(name);
    else if (accepts(name, req.accept) && l.entries.some((e) => e.kind === 'file' && e.name === name)) resolve([join(l.path, name)]);
    else setError(`${typed.trim()}: not a ${req.accept.join(', ') || ''} file in this folder`);
  };

  const choose = () => {
    if (!listing) return;
    if (req.mode === 'folder') return resolve([listing.path]);
    if (req.mode === 'save') return save(listing, saveName.trim());
    if (selected.length) resolve(selected.map((n) => join(listing.path, n)));
  };

  /** Save: a name is needed; an existing file is replaced only once the user confirms. */
  const save = (l: FolderListing, name: string) => {
    if (!name) return setError('Type a file name');
    if (replacing !== name && l.entries.some((e) => e.kind === 'file' && e.name === name)) return setReplacing(name);
    resolve([join(l.path, name)]);
  };

  const toggle = (name: string) => setSelected((cur) => (req.multiple ? (cur.includes(name) ? cur.filter((n) => n !== name) : [...cur, name]) : [name]));

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal file-browser" role="dialog" aria-modal="true" aria-label={req.title} data-testid="file-browser">
        <h2>{req.title}</h2>
        <form className="fb-path" onSubmit={(e) => { e.preventDefault(); void submitTyped(); }}>
          <button type="button" onClick={() => listing?.parent && void go(listing.parent)} disabled={!listing?.parent} aria-label="Up one folder">↑</button>
          <button type="button" onClick={() => void go(listing?.home)} aria-label="Home folder">⌂</button>
          <input aria-label="Path" data-testid="fb-path" value={typed} onFocus={() => { typedSince.current = true; }} onChange={(e) => { typedSince.current = true; setTyped(e.target.value); }} spellCheck={false} />
          <button type="submit">Go</button>
        </form>
        {error && <p className="fb-error" role="alert">{error}</p>}
        <div className="fb-list" role="listbox" aria-label="Folder contents" aria-multiselectable={!!req.multiple}>
          {listing?.entries.map((e) => (
            <div
              key={e.name}
              role="option"
              aria-selected={selected.includes(e.name)}
              data-testid={`fb-entry-${e.name}`}
              className={`fb-entry fb-${e.kind}${selected.includes(e.name) ? ' selected' : ''}`}
              onClick={() => (e.kind === 'folder' ? void go(join(listing.path, e.name)) : req.mode === 'save' ? (setSaveName(e.name), setReplacing(null)) : toggle(e.name))}
              onDoubleClick={() => e.kind === 'file' && req.mode === 'open' && resolve([join(listing.path, e.name)])}
            >
              <span className="fb-name">{e.kind === 'folder' ? '📁 ' : ''}{e.name}</span>
              <span className="fb-size">{e.kind === 'file' ? size(e.size) : ''}</span>
              <span className="fb-date">{new Date(e.modifiedMs).toLocaleString()}</span>
            </div>
          ))}
          {listing && listing.entries.length === 0 && <p className="muted">No folders or {req.accept.join(', ')} files here.</p>}
        </div>
        {req.mode === 'save' && (
          <label>
            File name
            <input data-testid="fb-save-name" value={saveName} onChange={(e) => { setSaveName(e.target.value); setReplacing(null); }} />
          </label>
        )}
        {replacing && <p className="fb-error" role="alert" data-testid="fb-replace">{replacing} already exists here. Press Replace to overwrite it, or change the name.</p>}
        <div className="row fb-actions">
          <span className="muted">{req.accept.length ? `Shows folders and ${req.accept.join(', ')} files` : 'Shows folders and files'}</span>
          <span className="spacer" />
          <button type="button" onClick={() => resolve(null)}>Cancel</button>
          <button type="button" className="primary" data-testid="fb-choose" onClick={choose} disabled={req.mode === 'open' && selected.length === 0}>
            {req.mode === 'folder' ? 'Choose this folder' : req.mode === 'save' ? (replacing ? 'Replace' : 'Save here') : req.multiple && selected.length > 1 ? `Choose ${selected.length} files` : 'Choose'}
          </button>
        </div>
      </div>
    </div>
  );
}
