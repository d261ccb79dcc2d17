/**
 * The file name behind one of the course's data URLs, or null for any other URL:
 * https://github.com/DataTalksClub/nyc-tlc-data/releases/download/<yellow|green|misc|fhv>/<file>
 */
export function courseDataFile(url: string): { tag: string; name: string } | null {
  const m = /^https?:\/\/(?:www\.)?github\.com\/DataTalksClub\/nyc-tlc-data\/releases\/download\/([^/]+)\/([^/?#]+)$/i.exec(url.trim());
  if (!m) return null;
  return { tag: m[1], name: decodeURIComponent(m[2]) };
}
