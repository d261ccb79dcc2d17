const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An ISO instant as local `YYYY-MM-DD HH:mm:ss.SSS` (the execution pages' format); the input itself if it is not a date. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
