import {
  Anchor,
  Button,
  Card,
  Checkbox,
  FileInput,
  Grid,
  Group,
  Loader,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { FollowUpDetail } from '@regionlink/shared';
import { FOLLOW_UP_STATE_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useFollowUp, useFollowUpWrites } from './api';
import { DemoBadge, FollowUpBadge } from './Badges';
import { ErrorAlert } from './ErrorAlert';
import { History } from './History';
import { PageMessage } from '../../components/PageMessage';

const ACTION_LABELS: Record<string, [string, string]> = {
  assigned: ['Giao nhiệm vụ (ban hành thông báo kết luận)', 'Assigned (notice issued)'],
  progress: ['Cập nhật tiến độ', 'Progress'],
  report_done: ['Báo cáo hoàn thành', 'Reported done'],
  accept: ['Văn phòng xác nhận hoàn thành', 'Accepted by the Office'],
  return: ['Văn phòng trả lại', 'Sent back by the Office'],
  cancel: ['Dừng thực hiện', 'Cancelled'],
};

/** The assignee posts progress (or reports the work done) and attaches evidence. */
function ProgressForm({ f }: { f: FollowUpDetail }) {
  const { pick } = useI18n();
  const w = useFollowUpWrites(f);
  const [note, setNote] = useState('');
  const [percent, setPercent] = useState<number | string>(f.percent ?? '');
  const [done, setDone] = useState(false);
  return (
    <Card withBorder data-testid="progress-form">
      <Title order={5} mb="xs">
        {pick('Cập nhật tiến độ', 'Post progress')}
      </Title>
      <Stack gap="xs">
        <Textarea
          label={pick('Kết quả thực hiện', 'What was done')}
          autosize
          minRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group align="flex-end">
          <NumberInput
            label={pick('Tỷ lệ hoàn thành (%)', 'Percent done')}
            min={0}
            max={100}
            value={percent}
            onChange={setPercent}
            w={160}
            disabled={done}
          />
          <Checkbox
            label={pick('Đã hoàn thành, đề nghị Văn phòng xác nhận', 'Done: ask the Office to accept')}
            checked={done}
            onChange={(e) => setDone(e.currentTarget.checked)}
          />
        </Group>
        <FileInput
          label={pick(
            'Minh chứng (PDF, DOCX, XLSX, PNG, JPEG; tối đa 10 MB)',
            'Evidence (PDF, DOCX, XLSX, PNG, JPEG; 10 MB)',
          )}
          onChange={(file) => file && w.evidence.mutate(file)}
          clearable
          data-testid="evidence-input"
        />
        <ErrorAlert error={w.progress.error ?? w.evidence.error} />
        <Group>
          <Button
            loading={w.progress.isPending}
            onClick={() =>
              w.progress.mutate(
                { note, percent: done || percent === '' ? null : Number(percent), claimsDone: done },
                { onSuccess: () => setNote('') },
              )
            }
            data-testid="post-progress"
          >
            {done ? pick('Báo cáo hoàn thành', 'Report done') : pick('Gửi cập nhật', 'Post')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The Office accepts the reported work as done, or sends it back with what is missing. */
function ReviewForm({ f }: { f: FollowUpDetail }) {
  const { pick } = useI18n();
  const w = useFollowUpWrites(f);
  const [note, setNote] = useState('');
  return (
    <Card withBorder data-testid="review-form">
      <Title order={5} mb="xs">
        {pick('Xác nhận kết quả', 'Review the report')}
      </Title>
      <Textarea
        label={pick('Ý kiến của Văn phòng', "The Office's note")}
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ErrorAlert error={w.review.error} />
      <Group mt="xs">
        <Button
          color="green"
          loading={w.review.isPending}
          onClick={() => w.review.mutate({ decision: 'accept', note: note || null })}
          data-testid="accept-follow-up"
        >
          {pick('Xác nhận hoàn thành', 'Accept as done')}
        </Button>
        <Button
          color="orange"
          variant="light"
          loading={w.review.isPending}
          onClick={() => w.review.mutate({ decision: 'return', note: note || null })}
        >
          {pick('Trả lại', 'Send back')}
        </Button>
      </Group>
    </Card>
  );
}

/** A follow-up of a council conclusion: what, who, by when, its whole history with who and when, evidence. */
export function FollowUpPage() {
  const { id = '0' } = useParams();
  const { pick } = useI18n();
  const q = useFollowUp(Number(id));
  const f = q.data;
  if (q.isError)
    return (
      <PageMessage title={pick('Theo dõi kết luận', 'Follow-up')} color="red">
        {pick('Không tìm thấy nhiệm vụ.', 'Follow-up not found.')}
      </PageMessage>
    );
  if (!f) return <Loader />;
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to={`/councils/meetings/${f.meetingId}`} size="sm">
          ← <span lang="vi">{f.meetingTitleVi}</span> ({formatDate(f.meetingHeldOn)})
        </Anchor>
        <Title order={1} size="h3" mt={4}>
          {pick('Nhiệm vụ theo kết luận số', 'Follow-up of conclusion')} {f.conclusionSeq}
          <DemoBadge show={f.isDemo} />
        </Title>
        {/* the conclusion as the council's notice worded it, in Vietnamese */}
        <Text size="sm" lang="vi">
          {f.conclusionText}
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Stack gap={6}>
              <Group gap="xs">
                <FollowUpBadge state={f.state} overdue={f.overdue} />
                {f.percent !== null && <Text size="sm">{f.percent}%</Text>}
              </Group>
              <Text size="sm">
                <b>{pick('Chủ trì', 'Lead')}:</b> {pick(f.assignee.nameVi, f.assignee.nameEn)}
              </Text>
              {f.partners.length > 0 && (
                <Text size="sm">
                  <b>{pick('Phối hợp', 'With')}:</b> {f.partners.map((p) => pick(p.nameVi, p.nameEn)).join(', ')}
                </Text>
              )}
              <Text size="sm">
                <b>{pick('Thời hạn', 'Due')}:</b> {formatDate(f.dueOn)}
              </Text>
              {f.projectCode && (
                <Text size="sm">
                  <b>{pick('Dự án', 'Project')}:</b>{' '}
                  <Anchor component={Link} to={`/projects/${f.projectCode}`} size="sm">
                    {f.projectCode}
                  </Anchor>
                </Text>
              )}
              {f.reportingTaskCode && (
                <Text size="sm">
                  <b>{pick('Nhiệm vụ Nghị quyết 57', 'Res. 57 task')}:</b> {f.reportingTaskCode}
                </Text>
              )}
              {f.planTaskRef && (
                <Text size="sm">
                  <b>{pick('Nhiệm vụ kế hoạch', 'Plan task')}:</b> {f.planTaskRef}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {pick(f.councilNameVi, f.councilNameEn)}
              </Text>
            </Stack>
          </Card>
          {f.evidence.length > 0 && (
            <Card withBorder mt="md">
              <Title order={5} mb="xs">
                {pick('Minh chứng', 'Evidence')}
              </Title>
              {f.evidence.map((e) => (
                <Anchor key={e.id} href={`/api/v1/council-follow-up-evidence/${e.id}`} size="sm" display="block">
                  {e.fileName}
                </Anchor>
              ))}
            </Card>
          )}
          {f.permissions.post && <ProgressForm f={f} key={f.version} />}
          {f.permissions.review && <ReviewForm f={f} key={f.version} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Title order={5} mb="sm">
              {pick('Quá trình thực hiện', 'History')}
            </Title>
            <History
              events={f.events}
              actions={ACTION_LABELS}
              states={FOLLOW_UP_STATE_LABELS}
              testId="follow-up-history"
            />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
