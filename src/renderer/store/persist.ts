/**
 * A screen's choices remembered per study (project id) in localStorage, so they survive a reload
 * and are never shared between studies. Unreadable or missing values read as null.
 */
const key = (projectId: string, name: string) => `triangulate.${name}.${projectId}`;

export function recall<T>(projectId: string | undefined, name: string): T | null {
  if (!projectId) return null;
  try {
    const raw = localStorage.getItem(key(projectId, name));
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function remember(projectId: string | undefined, name: string, value: unknown): void {
  if (projectId) localStorage.setItem(key(projectId, name), JSON.stringify(value));
}
