/**
 * One cookie parser for HTTP and socket.io. A value that is not valid
 * percent-encoding (`%`, `%E0%A4%A`) is taken as absent, never thrown:
 * a malformed cookie is a stranger's cookie, not a server error.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
