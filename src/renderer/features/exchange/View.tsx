/** The exchange screen. */
export function ExchangeView() {
  return null;
}
