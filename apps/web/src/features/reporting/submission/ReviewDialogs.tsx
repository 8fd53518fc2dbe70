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
      <DialogActions
        mt="md"
        close={props.close}
        label={t('confirm')}
        color={props.color}
        testId={props.testId}
        onConfirm={props.onConfirm}
      />
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
        <ReasonField value={reason} onChange={setReason} testId="return-reason" />
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
        <DialogActions
          close={close}
          label={t('returnReport')}
          color="orange"
          disabled={!reason.trim()}
          testId="confirm-return"
          onConfirm={send}
        />
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
        <ReasonField value={reason} onChange={setReason} />
        <DialogActions
          close={close}
          label={t('unlock')}
          disabled={!reason.trim()}
          onConfirm={() =>
            ed.review('unlock', { reason }, () => {
              close();
              setReason('');
            })
          }
        />
      </Stack>
    </Modal>
  );
}

/** Cancel and the dialog's own action, right-aligned. */
function DialogActions(props: {
  close: () => void;
  label: string;
  onConfirm: () => void;
  color?: string;
  disabled?: boolean;
  testId?: string;
  mt?: string;
}) {
  const t = useDict(DICT);
  return (
    <Group justify="flex-end" mt={props.mt}>
      <Button variant="default" onClick={props.close}>
        {t('cancel')}
      </Button>
      <Button color={props.color} disabled={props.disabled} onClick={props.onConfirm} data-testid={props.testId}>
        {props.label}
      </Button>
    </Group>
  );
}

/** The required reason of a return or an unlock. */
function ReasonField(props: { value: string; onChange: (v: string) => void; testId?: string }) {
  const t = useDict(DICT);
  return (
    <Textarea
      label={t('reason')}
      required
      autosize
      minRows={2}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      data-testid={props.testId}
    />
  );
}
