/**
 * Links in a Markdown file that only work inside the repository: relative targets (`../cli`,
 * `./docs/x.md`). On npm a package README stands alone, so they are dead there.
 */
export interface RelativeLink {
  readonly line: number;
  readonly target: string;
}

export function relativeLinks(markdown: string): RelativeLink[] {
  const found: RelativeLink[] = [];
  let inFence = false;
  markdown.split(/\r?\n/).forEach((text, index) => {
    if (/^ {0,3}(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    const withoutCode = text.replace(/`[^`]*`/g, (code) => (code.includes('](') ? '' : code));
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)[^)]*\)|^\s*\[[^\]]+\]:\s*(\S+)/g)) {
      const target = match[1] ?? match[2] ?? '';
      if (!/^([a-z][a-z0-9+.-]*:|#)/i.test(target)) found.push({ line: index + 1, target });
    }
  });
  return found;
}
