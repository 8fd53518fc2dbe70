import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useDict } from '../../../app/i18n';
import { DICT } from '../i18n';
import type { ReviewDialog } from './SubmissionHeader';
import type { SubmissionEditor } from './useSubmissionEditor';

/** The confirmations of sending and accepting, and the reasoned dialogs of returning and unlocking a report. */
export function ReviewDialogs(props: { ed: SubmissionEditor; open: ReviewDialog | null; close: () => void }) {
  const t = useDict(DICT);
  const { ed, open, close } = props;
  return (
    <>
      <Confirm
        opened={open === 'submit'}
        close={close}
        title={t('submit')}
        text={t('submitConfirm')}
        testId="confirm-submit"
        onConfirm={() => {
          close();
          void ed.submit();
        }}
      />
      <Confirm
        opened={open === 'accept'}
        close={close}
        title={t('accept')}
        text={t('acceptConfirm')}
        color="green"
        testId="confirm-accept"
        onConfirm={() => ed.review('accept', {}, close)}
      />
      <ReturnDialog ed={ed} opened={open === 'return'} close={close} />
      <UnlockDialog ed={ed} opened={open === 'unlock'} close={close} />
    </>
  );
}

function Confirm(props: {
  opened: boolean;
  close: () => void;
  title: string;
  text: string;
  color?: string;
  testId: string;
  onConfirm: () => void;
}) {
  const t = useDict(DICT);
  return (
    <Modal opened={props.opened} onClose={props.close} title={props.title}>
      <Text size="sm">{props.text}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={props.close}>
          {t('cancel')}
        </Button>
        <Button color={props.color} onClick={props.onConfirm} data-testid={props.testId}>
          {t('confirm')}
        </Button>
      </Group>
    </Modal>
  );
}

function ReturnDialog({ ed, opened, close }: { ed: SubmissionEditor; opened: boolean; close: () => void }) {
  const t = useDict(DICT);
  const [reason, setReason] = useState('');
  const [comments, setComments] = useState<Record<number, string>>({});
  const send = () =>
    ed.review(
      'return',
      {
        reason,
        taskComments: Object.entries(comments)
          .filter(([, c]) => c.trim())
          .map(([taskId, c]) => ({ taskId: Number(taskId), comment: c })),
      },
      () => {
        close();
        setReason('');
        setComments({});
      },
    );
  return (
    <Modal opened={opened} onClose={close} title={t('returnTitle')} size="xl">
      <Stack gap="sm">
        <Textarea
          label={t('reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="return-reason"
        />
        {ed.server.tasks.map((task) => (
          <Textarea
            key={task.taskId}
            label={`${task.code}. ${task.shortTitleVi} — ${t('taskComment')}`}
            autosize
            value={comments[task.taskId] ?? ''}
            onChange={(e) => setComments({ ...comments, [task.taskId]: e.currentTarget.value })}
            data-testid={`return-comment-${task.code}`}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('cancel')}
          </Button>
          <Button color="orange" disabled={!reason.trim()} data-testid="confirm-return" onClick={send}>
            {t('returnReport')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function UnlockDialog({ ed, opened, close }: { ed: SubmissionEditor; opened: boolean; close: () => void }) {
  const t = useDict(DICT);
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={close} title={t('unlockTitle')}>
      <Stack>
        <Textarea
          label={t('reason')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('cancel')}
          </Button>
          <Button
            disabled={!reason.trim()}
            onClick={() =>
              ed.review('unlock', { reason }, () => {
                close();
                setReason('');
              })
            }
          >
            {t('unlock')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
