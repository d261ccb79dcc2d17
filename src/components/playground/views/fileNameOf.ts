/** The file name at the end of a `kestra:///…` URI (or any path), decoded when it was percent-encoded. */
export function fileNameOf(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() || 'file';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
