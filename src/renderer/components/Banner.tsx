import { useApp } from '../store';

export function Banner() {
  const banner = useApp((s) => s.banner);
  const showBanner = useApp((s) => s.showBanner);
  if (!banner) return null;
  return (
    <div className={`banner banner-${banner.kind}`} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid="banner">
      <span className="banner-text">{banner.message}</span>
      {banner.action && (
        <button onClick={banner.action.run}>{banner.action.label}</button>
      )}
      <button className="icon" aria-label="Dismiss" onClick={() => showBanner(null)}>×</button>
    </div>
  );
}
