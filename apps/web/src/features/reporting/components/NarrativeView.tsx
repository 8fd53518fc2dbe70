import { Text } from '@mantine/core';
import { Fragment, type ReactNode, useMemo } from 'react';

const BLOCK: Record<string, string> = {
  p: 'p',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  blockquote: 'blockquote',
  h3: 'h4',
  h4: 'h5',
};
const INLINE: Record<string, string> = { strong: 'strong', em: 'em', u: 'u', s: 's', sub: 'sub', sup: 'sup', br: 'br' };

/**
 * Show a narrative stored as sanitised HTML without ever handing HTML to the browser: the text is parsed with
 * DOMParser and only the allowed elements are rebuilt as React elements (so a script that slipped past the server's
 * sanitiser still renders as nothing). Footnote markers are numbered and their notes listed under the text.
 */
export function NarrativeView({ html, emptyText, testId }: { html: string; emptyText?: string; testId?: string }) {
  const { nodes, notes } = useMemo(() => {
    const notes: string[] = [];
    if (!html) return { nodes: null, notes };
    const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
    let key = 0;
    const walk = (n: Node): ReactNode => {
      if (n.nodeType === Node.TEXT_NODE) return n.textContent;
      if (n.nodeType !== Node.ELEMENT_NODE) return null;
      const el = n as Element;
      const tag = el.tagName.toLowerCase();
      const children = () => Array.from(el.childNodes).map((c) => <Fragment key={key++}>{walk(c)}</Fragment>);
      if (tag === 'sup' && el.hasAttribute('data-footnote')) {
        notes.push(el.getAttribute('data-footnote') ?? '');
        const no = notes.length;
        return (
          <sup key={key++} title={el.getAttribute('data-footnote') ?? ''} style={{ color: '#1f4e79', fontWeight: 600 }}>
            {no}
          </sup>
        );
      }
      if (tag === 'a') {
        const href = el.getAttribute('href') ?? '';
        if (!/^(https?:|mailto:)/i.test(href)) return <Fragment key={key++}>{children()}</Fragment>;
        return (
          <a key={key++} href={href} target="_blank" rel="noopener noreferrer">
            {children()}
          </a>
        );
      }
      const El = (BLOCK[tag] ?? INLINE[tag]) as keyof React.JSX.IntrinsicElements | undefined;
      if (!El) return <Fragment key={key++}>{children()}</Fragment>;
      if (El === 'br') return <br key={key++} />;
      return <El key={key++}>{children()}</El>;
    };
    const nodes = Array.from(doc.body.childNodes).map((c) => <Fragment key={key++}>{walk(c)}</Fragment>);
    return { nodes, notes };
  }, [html]);
  if (!nodes)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid={testId}>
        {emptyText ?? '—'}
      </Text>
    );
  return (
    // a reporter's narrative is an official report, written in Vietnamese: declared so for screen readers and the
    // English scan (WCAG 3.1.2, language of parts)
    <div className="rl-narrative" data-testid={testId} lang="vi">
      {nodes}
      {notes.length > 0 && (
        <ol className="rl-footnotes">
          {notes.map((n, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: footnotes are numbered by position
            <li key={i}>{n}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
