/** "New theme": a name (and optional description) and it is on the board. */
import { useState, type FormEvent } from 'react';
import { useApp } from '../../store';

export function NewThemeForm() {
  const createTheme = useApp((s) => s.createTheme);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('A theme needs a name');
    try {
      await createTheme(name.trim());
      setName('');
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="th-new" onSubmit={(e) => void submit(e)}>
      <input aria-label="New theme name" placeholder="New theme name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      <button type="submit" className="primary">+ Theme</button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
