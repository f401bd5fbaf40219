/** The reconcile screen. */
export function ReconcileView() {
  return null;
}
