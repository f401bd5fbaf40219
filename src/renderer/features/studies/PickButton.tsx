/**
 * A button that asks the one file picker (pick.ts: native dialogs in Electron, the in-app file
 * browser in web mode) for a path (or several, with req.multiple) and hands them on. Replaces the typed-path fields.
 */
import type { PickRequest } from '../../../shared/studies/picker';
import { pickFiles } from './pick';

export function PickButton(props: { req: PickRequest; label: string; testId: string; onPick: (path: string, all: string[]) => void; disabled?: boolean; className?: string }) {
  const choose = async () => {
    const paths = await pickFiles(props.req);
    if (paths?.length) props.onPick(paths[0]!, paths);
  };
  return (
    <button type="button" className={props.className} data-testid={props.testId} disabled={props.disabled} onClick={() => void choose()}>
      {props.label}
    </button>
  );
}
