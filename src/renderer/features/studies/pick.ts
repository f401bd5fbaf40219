/**
 * The one file picker of the app: Electron's native dialogs when the shell is there, else the
 * in-app file browser (FileBrowser.tsx) served by the main process. Resolves to the chosen
 * paths, or null when cancelled.
 */
import type { PickRequest, ShellBridge } from '../../../shared/studies/picker';
import { useApp } from '../../store';

export function shellBridge(): ShellBridge | undefined {
  return (window as unknown as { triangulateShell?: ShellBridge }).triangulateShell;
}

export function pickFiles(req: PickRequest): Promise<string[] | null> {
  const shell = shellBridge();
  if (shell) return shell.choose(req);
  return new Promise((resolve) => {
    useApp.setState({
      picking: {
        req,
        resolve: (paths) => {
          useApp.setState({ picking: null });
          resolve(paths);
        },
      },
    });
  });
}

export async function pickOne(req: PickRequest): Promise<string | null> {
  return (await pickFiles({ ...req, multiple: false }))?.[0] ?? null;
}
