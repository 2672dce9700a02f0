/** A distance as people say it: 约 350 米, 约 1.2 公里, 约 15 公里. */
export function distanceText(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return '';
  if (metres < 1000) return `约 ${Math.max(10, Math.round(metres / 10) * 10)} 米`;
  const km = metres / 1000;
  return km < 10 ? `约 ${km.toFixed(1)} 公里` : `约 ${Math.round(km)} 公里`;
}
