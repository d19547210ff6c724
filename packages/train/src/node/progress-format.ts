// Shared wording of the terminal progress displays (bars on a TTY, periodic lines elsewhere).

/** `75` → `1m15s`, `4.2` → `4.2s`, `3900` → `1h05m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A count in `unit`, bytes as kB/MB/GB: `formatAmount(3.2e6, 'bytes')` → `3.2 MB`. */
export function formatAmount(value: number, unit: string): string {
  if (unit !== 'bytes') return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
  const [scale, name] = value >= 1e9 ? [1e9, 'GB'] : value >= 1e6 ? [1e6, 'MB'] : value >= 1e3 ? [1e3, 'kB'] : [1, 'B'];
  return `${(value / scale).toFixed(scale === 1 ? 0 : 1)} ${name}`;
}

/** A rate per second in `unit`: `1,234 images/s`, `2.1 MB/s`. */
export function formatRate(perSecond: number, unit: string): string {
  if (!Number.isFinite(perSecond)) return '-';
  return `${formatAmount(perSecond, unit)}/s`;
}
