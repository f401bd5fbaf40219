/** The themes screen. */
export function ThemesView() {
  return null;
}
