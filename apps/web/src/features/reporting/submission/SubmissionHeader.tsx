import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDict, useI18n } from '../../../app/i18n';
import { formatDate } from '../../../lib/format';
import { FlagMark, StateBadge } from '../components/Badges';
import { DICT, fill } from '../i18n';
import { errorText, formatDateTime } from '../util';
import { focusField } from './draft';
import type { SubmissionEditor } from './useSubmissionEditor';

export type ReviewDialog = 'submit' | 'accept' | 'return' | 'unlock';

/** The submission's title card: who, which cycle, save state, the actions the caller may take and every banner. */
export function SubmissionHeader({ ed, open }: { ed: SubmissionEditor; open: (d: ReviewDialog) => void }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const { server } = ed;
  return (
    <Card withBorder padding="sm" id="submission-top">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3} data-testid="submission-org">
              {pick(server.organisationNameVi, server.organisationNameEn)}
            </Title>
            <StateBadge state={server.state} />
            <FlagMark notes={server.flags} />
          </Group>
          <Text size="sm" c="dimmed">
            {pick(server.cycleNameVi, server.cycleNameEn)} · {t('deadline')}:{' '}
            {server.cycleDeadline ? formatDate(server.cycleDeadline) : t('notStated')}
            {server.receivedOn && ` · ${t('receivedOn')}: ${formatDate(server.receivedOn)}`}
          </Text>
          {server.source && (
            <Text size="xs" c="dimmed">
              {t('source')}: {pick(server.source, server.sourceEn ?? '')}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end">
          {ed.editable && <SaveStateText ed={ed} />}
          <ActionButtons ed={ed} open={open} />
        </Stack>
      </Group>
      <StateBanners ed={ed} />
      <SubmitProblems ed={ed} />
      <RestoreOffer ed={ed} />
    </Card>
  );
}

function SaveStateText({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  const s = ed.saveState;
  const text =
    s.kind === 'saving'
      ? t('saving')
      : s.kind === 'saved' && !ed.dirty
        ? fill(t('savedAt'), { t: s.at.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' }) })
        : s.kind === 'error'
          ? `${t('saveFailed')}: ${s.message}`
          : ed.dirty
            ? t('unsaved')
            : '';
  return (
    <Text size="xs" c={s.kind === 'error' ? 'red' : 'dimmed'} data-testid="save-state">
      {text || t('youCanEdit')}
    </Text>
  );
}

function ActionButtons({ ed, open }: { ed: SubmissionEditor; open: (d: ReviewDialog) => void }) {
  const t = useDict(DICT);
  const { server } = ed;
  return (
    <Group gap="xs">
      {ed.editable && (
        <Button size="xs" variant="default" onClick={() => void ed.save()} disabled={!ed.dirty}>
          {t('save')}
        </Button>
      )}
      {server.can.submit && (
        <Button size="xs" onClick={() => open('submit')} data-testid="submit-report">
          {server.state === 'returned' ? t('resubmit') : t('submit')}
        </Button>
      )}
      {server.can.accept && (
        <Button size="xs" color="green" onClick={() => open('accept')} data-testid="accept-report">
          {t('accept')}
        </Button>
      )}
      {server.can.return && (
        <Button size="xs" color="orange" onClick={() => open('return')} data-testid="return-report">
          {t('returnReport')}
        </Button>
      )}
      {server.can.unlock && (
        <Button size="xs" variant="default" onClick={() => open('unlock')}>
          {t('unlock')}
        </Button>
      )}
    </Group>
  );
}

function StateBanners({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const { server } = ed;
  return (
    <>
      {server.paper && (
        <Alert color="grape" mt="sm" p="xs" data-testid="paper-banner">
          {fill(t('paperBanner'), {
            who: server.paper.registeredBy ?? '—',
            at: formatDateTime(server.paper.registeredAt),
          })}
          {server.paper.note && ` ${server.paper.note}`}
        </Alert>
      )}
      {server.state === 'returned' && server.returnReason && (
        <Alert color="orange" mt="sm" p="xs" data-testid="returned-banner">
          {fill(t('returnedBanner'), { r: server.returnReason })}
        </Alert>
      )}
      {server.state === 'submitted' && !server.can.accept && (
        <Alert color="blue" mt="sm" p="xs">
          {t('submittedBanner')}
        </Alert>
      )}
      {server.state === 'accepted' && (
        <Alert color="green" mt="sm" p="xs" data-testid="locked-banner">
          {t('lockedBanner')}
        </Alert>
      )}
      {ed.action.error && !ed.submitProblems.length && (
        <Alert color="red" mt="sm" p="xs">
          {errorText(ed.action.error, lang)}
        </Alert>
      )}
    </>
  );
}

/** Every problem found when sending, each a link that takes the user to the field. */
function SubmitProblems({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  if (ed.submitProblems.length === 0) return null;
  return (
    <Alert
      color="red"
      mt="sm"
      p="xs"
      title={fill(t('incompleteCount'), { n: String(ed.submitProblems.length) })}
      data-testid="submit-errors"
    >
      <Stack gap={2} component="ul" m={0} pl="md">
        {ed.submitProblems.map((p) => (
          <li key={`${p.path}:${p.text}`}>
            {p.path ? (
              <Anchor
                size="sm"
                component="button"
                type="button"
                onClick={() => focusField(p.path)}
                data-testid="submit-problem"
              >
                {p.text}
              </Anchor>
            ) : (
              <Text size="sm">{p.text}</Text>
            )}
          </li>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * Text typed in this browser and never saved. The offer says when it was typed and whether the report has been saved
 * since (then restoring would replace newer text, so it says so).
 */
function RestoreOffer({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  const r = ed.restore;
  if (!r) return null;
  const typed = r.at ? formatDateTime(new Date(r.at).toISOString()) : '—';
  const savedSince = r.baseVersion !== null && r.baseVersion < ed.server.version;
  return (
    <Alert color="yellow" mt="sm" p="xs" title={t('restoreTitle')} data-testid="restore-offer">
      <Text size="sm" mb={6}>
        {savedSince
          ? fill(t('restoreNewerSaved'), { typed, saved: formatDateTime(ed.server.updatedAt) })
          : fill(t('restoreText'), { typed })}
      </Text>
      <Group gap="xs">
        <Button size="xs" onClick={ed.restoreLocal}>
          {t('restore')}
        </Button>
        <Button size="xs" variant="default" onClick={ed.discardLocal}>
          {t('discard')}
        </Button>
      </Group>
    </Alert>
  );
}
