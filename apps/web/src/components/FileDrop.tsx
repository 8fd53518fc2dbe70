import { Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { type DragEvent, type ReactNode, useId, useState } from 'react';

/**
 * A box to drop one file on, which is also the label of a real file input: a click, Enter or Space opens the file
 * chooser, and assistive technologies see a labelled file input. Files larger than `maxSize` are refused with
 * `onReject` (the server checks again).
 */
export function FileDrop(props: {
  onFile: (file: File) => void;
  onReject?: (file: File) => void;
  maxSize: number;
  accept?: string;
  title: ReactNode;
  hint?: ReactNode;
  'data-testid'?: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const take = (file: File | undefined) => {
    if (!file) return;
    if (file.size > props.maxSize) props.onReject?.(file);
    else props.onFile(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  };
  return (
    <Paper
      component="label"
      htmlFor={id}
      withBorder
      p="md"
      data-testid={props['data-testid']}
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        cursor: 'pointer',
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-primary-color-filled)' : undefined,
        background: over ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <VisuallyHidden>
        <input
          id={id}
          type="file"
          accept={props.accept}
          onChange={(e) => {
            take(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
      </VisuallyHidden>
      <Stack align="center" gap={4} py="md">
        <Text fw={500}>{props.title}</Text>
        {props.hint && (
          <Text size="xs" c="dimmed">
            {props.hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
