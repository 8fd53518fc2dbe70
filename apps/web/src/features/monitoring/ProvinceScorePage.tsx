import { Alert, Anchor, Badge, Button, Card, Collapse, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { Scorecard, ScorecardProvince, ScorecardRecords } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { scorecardQuery, useMe, useRecords, useScorecard, useScorecardYear } from './api';
import { Change, MethodCard } from './ScorecardPage';

const STATE_VI: Record<string, string> = {
  none: 'chưa có báo cáo',
  draft: 'đang soạn (chưa gửi)',
  submitted: 'đã gửi',
  returned: 'bị trả lại',
  accepted: 'đã tiếp nhận',
};

/** The records a component counted, one table per component. */
function Records({ code, r }: { code: string; r: ScorecardRecords }) {
  const { pick } = useI18n();
  const empty = (
    <Text size="xs" c="dimmed">
      {pick('Không có bản ghi.', 'No records.')}
    </Text>
  );
  switch (code) {
    case 'reporting':
      return r.reporting.length === 0 ? (
        empty
      ) : (
        <Table fz="xs">
          <Table.Tbody>
            {r.reporting.map((x) => (
              <Table.Tr key={x.cycleId}>
                <Table.Td>
                  <Anchor component={Link} to={`/reporting/cycles/${x.cycleId}`} size="xs">
                    {x.cycleNameVi}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {pick('hạn', 'due')} {formatDate(x.deadline)}
                </Table.Td>
                <Table.Td>
                  {x.submissionId ? (
                    <Anchor component={Link} to={`/reporting/submissions/${x.submissionId}`} size="xs">
                      {STATE_VI[x.state] ?? x.state}
                    </Anchor>
                  ) : (
                    (STATE_VI[x.state] ?? x.state)
                  )}
                </Table.Td>
                <Table.Td>
                  {pick('gửi', 'sent')} {formatDate(x.firstSubmittedOn)}
                </Table.Td>
                <Table.Td>
                  {pick('trả lại', 'returned')} {x.returns}
                </Table.Td>
                <Table.Td>
                  {formatNumber(x.points * 3, 'vi', 0)}/3 {pick('điểm', 'points')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'tasks':
      return r.tasks.length === 0 ? (
        empty
      ) : (
        <Text size="xs">
          {r.tasks.map((x) => `${x.taskCode}: ${x.status ?? pick('không ghi', 'none')}`).join(' · ')}
        </Text>
      );
    case 'projects':
    case 'disbursement':
      return r.projects.length === 0 ? (
        empty
      ) : (
        <Table fz="xs">
          <Table.Tbody>
            {r.projects.map((x) => (
              <Table.Tr key={x.projectCode}>
                <Table.Td>
                  <Anchor component={Link} to={`/projects/${x.projectCode}`} size="xs">
                    {x.projectCode}
                  </Anchor>
                </Table.Td>
                <Table.Td>{x.nameVi}</Table.Td>
                <Table.Td>
                  {x.role === 'located' ? pick('đặt dự án', 'located') : pick('chịu tác động', 'affected')}
                </Table.Td>
                <Table.Td>
                  {pick('tỷ lệ', 'share')} {formatNumber(x.share * 100, 'vi', 1)}%
                </Table.Td>
                <Table.Td>
                  {x.allocated === null
                    ? pick('chưa có vốn giao trong năm', 'no allocation in the year')
                    : `${formatNumber(x.disbursed ?? 0, 'vi')} / ${formatNumber(x.allocated, 'vi')} tr.đ`}
                  {x.isDemo && (
                    <Badge size="xs" color="orange" variant="light" ml={4} tt="none">
                      {pick('minh họa', 'demo')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    case 'follow_ups':
      return (
        <Text size="xs">
          {pick(
            `Được giao ${r.followUps.assigned}, hoàn thành ${r.followUps.done} (đúng hạn ${r.followUps.doneOnTime}), quá hạn ${r.followUps.overdue}, đang mở ${r.followUps.open}.`,
            `Assigned ${r.followUps.assigned}, done ${r.followUps.done} (on time ${r.followUps.doneOnTime}), overdue ${r.followUps.overdue}, open ${r.followUps.open}.`,
          )}{' '}
          <Anchor component={Link} to="/councils/follow-ups" size="xs">
            {pick('Danh sách việc được giao', 'Follow-ups')}
          </Anchor>
        </Text>
      );
    case 'agreements':
      return r.agreements.length === 0 ? (
        empty
      ) : (
        <Stack gap={2}>
          {r.agreements.map((a) => (
            <Text size="xs" key={a.id}>
              {a.titleVi} ({formatDate(a.signedOn)}){a.isDemo ? ` — ${pick('minh họa', 'demo')}` : ''}
            </Text>
          ))}
        </Stack>
      );
    default:
      return (
        <Stack gap={2}>
          {r.outcomes.map((o) => (
            <Text size="xs" key={o.indicator}>
              {o.indicator}: {o.value === null ? '—' : formatNumber(o.value, 'vi', 1)} ({o.method}){' '}
              <Anchor component={Link} to={`/data?indicators=${o.indicator}`} size="xs">
                {pick('Xem số liệu', 'See the data')}
              </Anchor>
            </Text>
          ))}
        </Stack>
      );
  }
}

function Decomposition({
  card,
  p,
  records,
}: {
  card: Scorecard;
  p: ScorecardProvince;
  records: ScorecardRecords | null | undefined;
}) {
  const { pick } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const maxLift = Math.max(0.01, ...Object.values(p.lifts).map((v) => Math.abs(v ?? 0)));
  return (
    <Stack gap="xs" data-testid="decomposition">
      {card.components.map((c) => {
        const lift = p.lifts[c.code];
        const v = p.values[c.code];
        return (
          <Card withBorder key={c.code} padding="xs" data-component={c.code}>
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {pick(c.nameVi, c.nameEn)}
                </Text>
                <Text size="xs" c="dimmed">
                  {pick('Giá trị', 'Value')}:{' '}
                  {v === null
                    ? pick('thiếu dữ liệu', 'missing')
                    : `${formatNumber(v, 'vi', 2)} ${pick(c.unit, c.unitEn)}`}
                  {' · '}
                  {pick('điểm chuẩn hóa', 'normalised')}:{' '}
                  {p.normalised[c.code] === null ? '—' : formatNumber(p.normalised[c.code]!, 'vi', 2)}
                </Text>
              </div>
              <Group gap="xs" wrap="nowrap">
                <div style={{ width: 160, height: 12, position: 'relative', background: '#f1f3f5' }}>
                  {lift !== null && (
                    <div
                      data-lift={lift >= 0 ? 'up' : 'down'}
                      style={{
                        position: 'absolute',
                        top: 0,
                        height: 12,
                        left: lift >= 0 ? '50%' : `${50 - (Math.abs(lift) / maxLift) * 50}%`,
                        width: `${(Math.abs(lift) / maxLift) * 50}%`,
                        background: lift >= 0 ? '#40c057' : '#fa5252',
                      }}
                    />
                  )}
                  <div
                    style={{ position: 'absolute', left: '50%', top: 0, width: 1, height: 12, background: '#495057' }}
                  />
                </div>
                <Text size="xs" w={60} c={lift === null ? 'dimmed' : lift >= 0 ? 'teal' : 'red'}>
                  {lift === null ? '—' : `${lift >= 0 ? '+' : ''}${formatNumber(lift, 'vi', 2)}`}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => setOpen(open === c.code ? null : c.code)}
                  data-testid={`records-${c.code}`}
                >
                  {pick('Bản ghi', 'Records')}
                </Button>
              </Group>
            </Group>
            <Collapse expanded={open === c.code}>
              <div style={{ marginTop: 8 }} data-testid={`records-body-${c.code}`}>
                {records === undefined ? (
                  <Text size="xs">…</Text>
                ) : records === null ? (
                  <Text size="xs" c="dimmed">
                    {pick('Đăng nhập để xem các bản ghi đã được tính.', 'Sign in to see the records counted.')}
                  </Text>
                ) : (
                  <Records code={c.code} r={records} />
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {pick(c.ruleVi, c.ruleEn)}
                </Text>
              </div>
            </Collapse>
          </Card>
        );
      })}
    </Stack>
  );
}

/** A province's score: which components lift or sink it, the records behind each, and the change since last year. */
export function ProvinceScorePage() {
  const { pick } = useI18n();
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const offered = useScorecardYear(params.get('year'));
  const year = offered.year ?? 0;
  const query = scorecardQuery(year, params.get('weights'), params.get('normalisation'));
  const q = useScorecard(query, offered.year !== null);
  const me = useMe();
  const records = useRecords(code, year, me.data !== undefined && me.data !== null && offered.year !== null);
  const card = q.data;
  const p = card?.provinces.find((x) => x.code === code);
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/monitoring?${query}`} size="sm">
        {pick('← Bảng điểm', '← Scorecard')}
      </Anchor>
      {q.error && <Alert color="red">{String(q.error.message)}</Alert>}
      {card && !p && <Alert color="yellow">{pick('Không có tỉnh này.', 'No such province.')}</Alert>}
      {card && p && (
        <>
          <Title order={1} size="h2">
            {p.nameVi} — {pick('điểm liên kết vùng', 'linkage score')} {year}
          </Title>
          <Group gap="lg">
            <Text data-testid="province-rank">
              {pick('Hạng', 'Rank')} <b>{p.rank ?? '—'}</b>/{card.provinces.filter((x) => x.rank !== null).length}
              {p.best !== null && ` (${pick('khoảng', 'interval')} ${p.best}–${p.worst})`}
            </Text>
            <Text>
              {pick('Điểm', 'Score')} <b>{p.score === null ? '—' : formatNumber(p.score, 'vi', 2)}</b>/10
            </Text>
            <Group gap={4}>
              <Text size="sm">{pick('So với năm trước', 'Since last year')}:</Text>
              <Change p={p} />
            </Group>
            <Text size="sm" c="dimmed">
              {pick('Thành phần có dữ liệu', 'Weight with data')}: {formatNumber(p.coverage * 100, 'vi', 0)}%
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {pick(
              'Mỗi thanh là đóng góp của thành phần so với bình quân các tỉnh (trọng số × (điểm của tỉnh − điểm bình quân)): xanh nâng tỉnh lên, đỏ kéo tỉnh xuống. "Bản ghi" mở các bản ghi đã được tính.',
              'Each bar is the component’s contribution against the provinces’ average (weight × (score − average score)): green lifts, red sinks. "Records" opens what was counted.',
            )}
          </Text>
          <Decomposition card={card} p={p} records={records.data} />
          <MethodCard card={card} />
        </>
      )}
    </Stack>
  );
}
