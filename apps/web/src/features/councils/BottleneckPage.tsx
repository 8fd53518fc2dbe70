import { Alert, Anchor, Button, Card, Grid, Group, Loader, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import type { BottleneckAction, BottleneckDetail } from '@regionlink/shared';
import { BOTTLENECK_FIELD_LABELS, BOTTLENECK_STATE_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useBottleneck, useBottleneckAction, useCouncil } from './api';
import { BottleneckBadge, DemoBadge } from './Badges';
import { ErrorAlert } from './ErrorAlert';
import { History } from './History';
import { PageMessage } from '../../components/PageMessage';

const ACTION_LABELS: Record<string, [string, string]> = {
  raise: ['Nêu vướng mắc', 'Raised'],
  triage: ['Phân loại', 'Triage'],
  schedule: ['Đưa vào chương trình phiên họp', 'Put on a meeting agenda'],
  escalate: ['Báo cáo Thủ tướng Chính phủ', 'Escalate to the Prime Minister'],
  record_outcome: ['Ghi nhận ý kiến chỉ đạo', "Record the Prime Minister's answer"],
  resolve: ['Ghi nhận đã tháo gỡ', 'Resolved'],
  dismiss: ['Không xử lý', 'Dismiss'],
};

/** The Office moves the bottleneck on: each action with its note, scheduling with the meeting. */
function ActionForm({ b }: { b: BottleneckDetail }) {
  const { pick } = useI18n();
  const act = useBottleneckAction(b);
  const council = useCouncil(b.councilCode);
  const [action, setAction] = useState<BottleneckAction>(b.permissions.act[0]);
  const [note, setNote] = useState('');
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const scheduled = (council.data?.meetings ?? []).filter((m) => m.status === 'scheduled');
  return (
    <Card withBorder data-testid="bottleneck-action">
      <Title order={5} mb="xs">
        {pick('Xử lý của Văn phòng Hội đồng', "The Office's action")}
      </Title>
      <Stack gap="xs">
        <Select
          label={pick('Thao tác', 'Action')}
          value={action}
          onChange={(v) => v && setAction(v as BottleneckAction)}
          data={b.permissions.act.map((a) => ({ value: a, label: pick(...ACTION_LABELS[a]) }))}
          data-testid="bottleneck-action-select"
        />
        {action === 'schedule' && (
          <Select
            label={pick('Phiên họp', 'Meeting')}
            value={meetingId}
            onChange={setMeetingId}
            data={scheduled.map((m) => ({ value: String(m.id), label: `${formatDate(m.heldOn)} · ${m.titleVi}` }))}
          />
        )}
        <Textarea
          label={
            action === 'record_outcome'
              ? pick('Ý kiến chỉ đạo của Thủ tướng Chính phủ', "The Prime Minister's answer")
              : pick('Nội dung', 'Note')
          }
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ErrorAlert error={act.error} />
        <Group>
          <Button
            loading={act.isPending}
            onClick={() => act.mutate({ action, note: note || null, meetingId: meetingId ? Number(meetingId) : null })}
            data-testid="bottleneck-action-submit"
          >
            {pick('Ghi nhận', 'Record')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A bottleneck with every step (who, when, what) and the Office's next action. */
export function BottleneckPage() {
  const { id = '0' } = useParams();
  const { pick } = useI18n();
  const q = useBottleneck(Number(id));
  const b = q.data;
  if (q.isError)
    return (
      <PageMessage title={pick('Vướng mắc', 'Bottleneck')} color="red">
        {pick('Không tìm thấy vướng mắc.', 'Bottleneck not found.')}
      </PageMessage>
    );
  if (!b) return <Loader />;
  const field = BOTTLENECK_FIELD_LABELS[b.field];
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={`/councils/${b.councilCode}?tab=bottlenecks`} size="sm">
          ← {pick(b.councilNameVi, b.councilNameEn)}
        </Anchor>
        <Group gap="xs" mt={4}>
          <Title order={1} size="h3">
            <span lang="vi">{b.titleVi}</span>
          </Title>
          <BottleneckBadge state={b.state} />
          <DemoBadge show={b.isDemo} />
        </Group>
        <Text size="sm" c="dimmed">
          {pick(b.raisedBy.nameVi, b.raisedBy.nameEn)}, {formatDate(b.raisedOn)} · {pick(field.vi, field.en)}
          {b.projectCode && (
            <>
              {' · '}
              <Anchor component={Link} to={`/projects/${b.projectCode}`} size="sm" underline="always">
                {b.projectCode} {pick(b.projectNameVi ?? '', b.projectNameEn ?? '')}
              </Anchor>
            </>
          )}
          {b.planTaskRef ? ` · ${b.planTaskRef}` : ''}
          {b.policyText && (
            <>
              {' · '}
              <span lang="vi">{b.policyText}</span>
            </>
          )}
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            {/* the bottleneck as its raiser described it and the outcome as recorded: what users wrote */}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang="vi">
              {b.descriptionVi}
            </Text>
            {b.outcomeVi && (
              <Alert color="green" mt="sm" title={pick('Kết quả', 'Outcome')}>
                <span lang="vi">{b.outcomeVi}</span>
              </Alert>
            )}
          </Card>
          {b.permissions.act.length > 0 && <ActionForm b={b} key={b.version} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            <Title order={5} mb="sm">
              {pick('Các bước xử lý', 'Steps')}
            </Title>
            <History
              events={b.events}
              actions={ACTION_LABELS}
              states={BOTTLENECK_STATE_LABELS}
              testId="bottleneck-history"
            />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
