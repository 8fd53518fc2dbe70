import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import '@mantine/tiptap/styles.css';
import { mergeAttributes, Node, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';

/** An inline footnote: `<sup data-footnote="text">`; numbered on screen by CSS and in documents by position. */
const Footnote = Node.create({
  name: 'footnote',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      note: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-footnote') ?? '',
        renderHTML: (attrs) => ({ 'data-footnote': attrs.note, title: attrs.note }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'sup[data-footnote]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['sup', mergeAttributes(HTMLAttributes, { class: 'rl-fn' }), '*'];
  },
});

interface Props {
  value: string;
  onChange: (html: string) => void;
  editable: boolean;
  labels: { footnote: string; footnoteText: string; confirm: string; cancel: string };
  testId?: string;
  minHeight?: number;
}

/**
 * The narrative editor: paragraphs, headings, bold/italic/underline, lists, quotes, links and footnotes, nothing
 * else (the server keeps the same subset). Reports every change; the parent saves.
 */
export function NarrativeEditor({ value, onChange, editable, labels, testId, minHeight = 120 }: Props) {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [noteOpen, setNoteOpen] = useState(false);
  const [noteText, setNoteText] = useState('');
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] },
      }),
      Footnote,
    ],
    content: value,
    editable,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    onUpdate: ({ editor: e }) => onChangeRef.current(e.isEmpty ? '' : e.getHTML()),
  });
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  // Take a value from outside (e.g. "use the saved version") without disturbing the user's typing otherwise.
  useEffect(() => {
    if (!editor) return;
    const current = editor.isEmpty ? '' : editor.getHTML();
    if (value !== current && !editor.isFocused) editor.commands.setContent(value || '', { emitUpdate: false });
  }, [editor, value]);

  const insertFootnote = () => {
    const text = noteText.trim();
    if (text && editor)
      editor
        .chain()
        .focus()
        .insertContent({ type: 'footnote', attrs: { note: text } })
        .run();
    setNoteOpen(false);
    setNoteText('');
  };

  return (
    <>
      <RichTextEditor editor={editor} data-testid={testId} style={{ '--rte-min-height': `${minHeight}px` } as never}>
        {editable && (
          <RichTextEditor.Toolbar>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Bold />
              <RichTextEditor.Italic />
              <RichTextEditor.Underline />
              <RichTextEditor.Strikethrough />
              <RichTextEditor.ClearFormatting />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.H3 />
              <RichTextEditor.H4 />
              <RichTextEditor.BulletList />
              <RichTextEditor.OrderedList />
              <RichTextEditor.Blockquote />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Link />
              <RichTextEditor.Unlink />
              <RichTextEditor.Control
                onClick={() => setNoteOpen(true)}
                aria-label={labels.footnote}
                title={labels.footnote}
                style={{ width: 'auto', padding: '0 6px', fontSize: 12 }}
              >
                ¹ {labels.footnote}
              </RichTextEditor.Control>
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Undo />
              <RichTextEditor.Redo />
            </RichTextEditor.ControlsGroup>
          </RichTextEditor.Toolbar>
        )}
        <RichTextEditor.Content style={{ minHeight }} />
      </RichTextEditor>
      <Modal opened={noteOpen} onClose={() => setNoteOpen(false)} title={labels.footnote} size="lg">
        <Stack>
          <Textarea
            label={labels.footnoteText}
            value={noteText}
            onChange={(e) => setNoteText(e.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNoteOpen(false)}>
              {labels.cancel}
            </Button>
            <Button onClick={insertFootnote} disabled={!noteText.trim()}>
              {labels.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
