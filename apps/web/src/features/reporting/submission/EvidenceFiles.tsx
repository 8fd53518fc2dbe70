import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import type { EvidenceFile } from '@regionlink/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useDict, useI18n } from '../../../app/i18n';
import { formatBytes } from '../../../lib/format';
import { deleteEvidence, fetchSubmission, keys, uploadEvidence } from '../api';
import { DICT } from '../i18n';
import { errorText } from '../util';
import type { SubmissionEditor } from './useSubmissionEditor';

const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg';

/** The evidence files of one task (or of the report as a whole when `taskId` is null), with upload and removal. */
export function EvidenceFiles(props: {
  ed: SubmissionEditor;
  taskId: number | null;
  onError: (message: string | null) => void;
}) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const qc = useQueryClient();
  const { id, server, editable } = props.ed;
  const files = server.files.filter((f) => f.taskId === props.taskId);
  if (!editable && files.length === 0) return null;

  const refresh = async () => qc.setQueryData(keys.submission(id), await fetchSubmission(id));
  const upload = async (file: File | null) => {
    if (!file) return;
    props.onError(null);
    try {
      await uploadEvidence(id, file, props.taskId);
      await refresh();
    } catch (e) {
      props.onError(errorText(e, lang));
    }
  };
  const remove = async (f: EvidenceFile) => {
    await deleteEvidence(id, f.id);
    await refresh();
  };

  return (
    <>
      <Text size="xs" fw={600} mt={4}>
        {t('evidence')}
      </Text>
      <Stack gap={2}>
        {files.map((f) => (
          <Group key={f.id} gap={6} wrap="nowrap">
            <Anchor size="sm" href={`/api/v1/submissions/${id}/files/${f.id}`} data-testid="evidence-link">
              📎 {f.filename}
            </Anchor>
            <Text size="xs" c="dimmed">
              {formatBytes(f.sizeBytes, lang)}
            </Text>
            {editable && (
              <Anchor size="xs" c="red" component="button" onClick={() => void remove(f)}>
                {t('remove')}
              </Anchor>
            )}
          </Group>
        ))}
        {editable && (
          <Group gap="xs">
            <FileButton onChange={(f) => void upload(f)} accept={ACCEPT}>
              {(p) => (
                <Button size="compact-xs" variant="light" {...p} data-testid={`attach-${props.taskId ?? 'general'}`}>
                  {t('attachFile')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('fileHint')}
            </Text>
          </Group>
        )}
      </Stack>
    </>
  );
}
