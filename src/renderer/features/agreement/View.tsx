/** The agreement screen. */
export function AgreementView() {
  return null;
}
