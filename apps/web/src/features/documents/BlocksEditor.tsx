import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import '@mantine/tiptap/styles.css';
import {
  blocksToPmDoc,
  type PmNode,
  pmDocToBlocks,
  type ReportBlock,
  ReportField,
  type ReportFootnoteParagraph,
} from '@regionlink/shared';
import { Extension, mergeAttributes, Node, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useDict } from '../../app/i18n';
import { DRAFT_DICT } from './i18n';
import './documents.css';

/**
 * The editor of a draft's rich text: paragraphs, lettered points (a, b, c … numbered when printed), italic
 * subheadings, "-" and "+" lists, bold and italic, footnotes (numbered on screen and in the documents by position),
 * computed fields (counts, dates — shown with the value they print) and placed tables and figures. It reads and
 * writes the report's blocks through the shared converter, so what staff see is what the DOCX and PDF print.
 */

export interface References {
  tables: { id: string; title: string }[];
  figures: { id: string; title: string }[];
}

const FieldNode = Node.create<{ labels: Record<string, string> }>({
  name: 'field',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addOptions() {
    return { labels: {} };
  },
  addAttributes() {
    return {
      field: {
        default: 'year',
        parseHTML: (el) => el.getAttribute('data-field'),
        renderHTML: (a) => ({ 'data-field': a.field }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-field]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const label = this.options.labels[node.attrs.field as string] ?? String(node.attrs.field);
    return ['span', mergeAttributes(HTMLAttributes, { class: 'rl-field', title: String(node.attrs.field) }), label];
  },
});

const footnoteText = (json: string) => {
  try {
    return (JSON.parse(json) as ReportFootnoteParagraph[])
      .map((p) => p.map((r) => (r.kind === 'text' ? r.text : `{{${r.field}}}`)).join(''))
      .join('\n\n');
  } catch {
    return '';
  }
};

/** Footnote text as typed: paragraphs separated by blank lines, `{{field}}` for a computed value. */
export function footnoteFromText(text: string): ReportFootnoteParagraph[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((p) => {
      const out: ReportFootnoteParagraph = [];
      for (const part of p.split(/(\{\{\w+\}\})/)) {
        if (!part) continue;
        const f = /^\{\{(\w+)\}\}$/.exec(part);
        const field = f ? ReportField.safeParse(f[1]) : null;
        if (field?.success) out.push({ kind: 'field', field: field.data });
        else out.push({ kind: 'text', text: part, bold: false, italic: false });
      }
      return out;
    });
}

const FootnoteNode = Node.create({
  name: 'footnote',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      paragraphs: {
        default: '[]',
        parseHTML: (el) => el.getAttribute('data-paragraphs') ?? '[]',
        renderHTML: (a) => ({ 'data-paragraphs': a.paragraphs }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[data-paragraphs]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['sup', mergeAttributes(HTMLAttributes, { class: 'rl-docfn', title: footnoteText(node.attrs.paragraphs) })];
  },
});

const BlockRefNode = Node.create<{ labels: Record<string, string> }>({
  name: 'blockRef',
  group: 'block',
  atom: true,
  selectable: true,
  addOptions() {
    return { labels: {} };
  },
  addAttributes() {
    return {
      ref: {
        default: 'table',
        parseHTML: (el) => el.getAttribute('data-ref'),
        renderHTML: (a) => ({ 'data-ref': a.ref }),
      },
      id: { default: '', parseHTML: (el) => el.getAttribute('data-id'), renderHTML: (a) => ({ 'data-id': a.id }) },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-ref]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const label = this.options.labels[`${node.attrs.ref}:${node.attrs.id}`] ?? String(node.attrs.id);
    return ['div', mergeAttributes(HTMLAttributes, { class: 'rl-blockref' }), label];
  },
});

/** "-" or "+" on a list, as state documents mark their list lines. */
const ListMarker = Extension.create({
  name: 'listMarker',
  addGlobalAttributes() {
    return [
      {
        types: ['bulletList'],
        attributes: {
          marker: {
            default: '-',
            parseHTML: (el) => (el.getAttribute('data-marker') === '+' ? '+' : '-'),
            renderHTML: (a) => ({ 'data-marker': a.marker }),
          },
        },
      },
    ];
  },
});

interface Props {
  value: ReportBlock[];
  /** Bump to load `value` again (after a save, a reload or an accepted offer). */
  resetKey: string | number;
  editable: boolean;
  onChange: (blocks: ReportBlock[] | { error: string }) => void;
  fields: Record<string, string>;
  references: References;
  testId?: string;
  minHeight?: number;
  /** The editor's accessible name (the unit's title); "document text" when none. */
  label?: string;
}

export function BlocksEditor({
  value,
  resetKey,
  editable,
  onChange,
  fields,
  references,
  testId,
  minHeight = 100,
  label,
}: Props) {
  const t = useDict(DRAFT_DICT);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [noteOpen, setNoteOpen] = useState<null | { editing: boolean }>(null);
  const [noteText, setNoteText] = useState('');
  const [fieldOpen, setFieldOpen] = useState(false);
  const [field, setField] = useState<string | null>('reporterCounts');
  const [refOpen, setRefOpen] = useState(false);
  const [ref, setRef] = useState<string | null>(null);
  const refLabels = useMemo(
    () =>
      Object.fromEntries([
        ...references.tables.map((x) => [`table:${x.id}`, `▦ ${t('tableLabel')}: ${x.title}`]),
        ...references.figures.map((x) => [`figure:${x.id}`, `▣ ${t('figureLabel')}: ${x.title}`]),
      ]),
    [references, t],
  );
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          heading: { levels: [3, 4] },
          code: false,
          codeBlock: false,
          blockquote: false,
          orderedList: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: false,
        }),
        ListMarker,
        FieldNode.configure({ labels: fields }),
        FootnoteNode,
        BlockRefNode.configure({ labels: refLabels }),
      ],
      content: blocksToPmDoc(value) as never,
      editorProps: {
        attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-label': label ?? t('editorLabel') },
      },
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: true,
      onUpdate: ({ editor: e }) => {
        try {
          onChangeRef.current(pmDocToBlocks(e.getJSON() as PmNode));
        } catch (err) {
          onChangeRef.current({ error: String((err as Error).message) });
        }
      },
    },
    [resetKey],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  const selectedFootnote = editor?.isActive('footnote') ?? false;
  const openNote = () => {
    if (selectedFootnote && editor) {
      setNoteText(footnoteText(editor.getAttributes('footnote').paragraphs ?? '[]'));
      setNoteOpen({ editing: true });
    } else {
      setNoteText('');
      setNoteOpen({ editing: false });
    }
  };
  const saveNote = () => {
    const paragraphs = footnoteFromText(noteText);
    if (editor && paragraphs.length) {
      const attrs = { paragraphs: JSON.stringify(paragraphs) };
      if (noteOpen?.editing) editor.chain().focus().updateAttributes('footnote', attrs).run();
      else editor.chain().focus().insertContent({ type: 'footnote', attrs }).run();
    }
    setNoteOpen(null);
  };
  const marker = editor?.getAttributes('bulletList').marker as string | undefined;

  return (
    <>
      <RichTextEditor editor={editor} data-testid={testId} className="rl-doc-editor">
        {editable && (
          <RichTextEditor.Toolbar>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Bold />
              <RichTextEditor.Italic />
              <RichTextEditor.ClearFormatting />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.H3 title={t('pointHeading')} aria-label={t('pointHeading')} />
              <RichTextEditor.H4 title={t('subheading')} aria-label={t('subheading')} />
              <RichTextEditor.BulletList />
              <RichTextEditor.Control
                onClick={() =>
                  editor
                    ?.chain()
                    .focus()
                    .updateAttributes('bulletList', { marker: marker === '+' ? '-' : '+' })
                    .run()
                }
                disabled={!editor?.isActive('bulletList')}
                title={t('toggleMarker')}
                aria-label={t('toggleMarker')}
                style={{ width: 'auto', padding: '0 6px', fontSize: 12 }}
              >
                − / +
              </RichTextEditor.Control>
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Control
                onClick={openNote}
                title={selectedFootnote ? t('editFootnote') : t('addFootnote')}
                style={{ width: 'auto', padding: '0 6px', fontSize: 12 }}
              >
                ¹ {selectedFootnote ? t('editFootnote') : t('addFootnote')}
              </RichTextEditor.Control>
              <RichTextEditor.Control
                onClick={() => setFieldOpen(true)}
                title={t('addField')}
                style={{ width: 'auto', padding: '0 6px', fontSize: 12 }}
              >
                {'{…}'} {t('addField')}
              </RichTextEditor.Control>
              <RichTextEditor.Control
                onClick={() => setRefOpen(true)}
                title={t('addRef')}
                style={{ width: 'auto', padding: '0 6px', fontSize: 12 }}
              >
                ▦ {t('addRef')}
              </RichTextEditor.Control>
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Undo />
              <RichTextEditor.Redo />
            </RichTextEditor.ControlsGroup>
          </RichTextEditor.Toolbar>
        )}
        {/* the official document being written, in Vietnamese whatever the interface language */}
        <RichTextEditor.Content style={{ minHeight }} lang="vi" />
      </RichTextEditor>
      <Modal opened={!!noteOpen} onClose={() => setNoteOpen(null)} title={t('footnote')} size="lg">
        <Stack>
          <Textarea
            label={t('footnoteText')}
            description={t('footnoteHelp')}
            value={noteText}
            onChange={(e) => setNoteText(e.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
            data-testid="footnote-text"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNoteOpen(null)}>
              {t('cancel')}
            </Button>
            <Button onClick={saveNote} disabled={!noteText.trim()}>
              {t('confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={fieldOpen} onClose={() => setFieldOpen(false)} title={t('addField')}>
        <Stack>
          <Select
            label={t('fieldWhich')}
            data={ReportField.options.map((f) => ({
              value: f,
              label: `${t(`field_${f}` as 'field_year')} — ${fields[f] ?? ''}`,
            }))}
            value={field}
            onChange={setField}
            allowDeselect={false}
          />
          <Text size="xs" c="dimmed">
            {t('fieldHelp')}
          </Text>
          <Group justify="flex-end">
            <Button
              onClick={() => {
                if (field && editor) editor.chain().focus().insertContent({ type: 'field', attrs: { field } }).run();
                setFieldOpen(false);
              }}
            >
              {t('confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={refOpen} onClose={() => setRefOpen(false)} title={t('addRef')}>
        <Stack>
          <Select
            label={t('refWhich')}
            data={[
              ...references.tables.map((x) => ({ value: `table:${x.id}`, label: `${t('tableLabel')}: ${x.title}` })),
              ...references.figures.map((x) => ({ value: `figure:${x.id}`, label: `${t('figureLabel')}: ${x.title}` })),
            ]}
            value={ref}
            onChange={setRef}
          />
          <Group justify="flex-end">
            <Button
              disabled={!ref}
              onClick={() => {
                if (ref && editor) {
                  const [kind, ...id] = ref.split(':');
                  editor
                    .chain()
                    .focus()
                    .insertContent({ type: 'blockRef', attrs: { ref: kind, id: id.join(':') } })
                    .run();
                }
                setRefOpen(false);
              }}
            >
              {t('confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
