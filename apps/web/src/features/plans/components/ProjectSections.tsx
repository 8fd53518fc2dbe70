import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { FundingSource, ProjectDetail, ReportedStatus } from '@regionlink/shared';
import { FUNDING_SOURCES, FUNDING_TYPES, PROJECT_STATUSES, SECTORS } from '@regionlink/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../../app/i18n';
import { ApiError } from '../../../lib/api';
import { formatBytes, formatDate, formatNumber } from '../../../lib/format';
import { useProjectWrites } from '../api';
import { DemoBadge } from './Badges';
import { Funnel } from './FundingPanel';
import { DICT } from '../i18n';

const todayIso = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function ErrorText({ error }: { error: unknown }) {
  const { lang } = useI18n();
  const t = useDict(DICT);
  if (!error) return null;
  if (error instanceof ApiError && error.status === 412) return <Alert color="orange">{t('conflict')}</Alert>;
  const e = error instanceof ApiError ? error : null;
  return (
    <Alert color="red" role="alert">
      {e ? e.text(lang) : String(error)}
      {e?.problem?.errors?.map((x) => (
        <div key={x.path}>
          {x.path}: {lang === 'vi' ? x.messageVi : x.message}
        </div>
      ))}
    </Alert>
  );
}

function FundingForm({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const w = useProjectWrites(p.code);
  const [source, setSource] = useState<string | null>('central_budget');
  const [year, setYear] = useState<number | string>(new Date().getFullYear());
  const [planned, setPlanned] = useState<number | string>('');
  const [allocated, setAllocated] = useState<number | string>('');
  const [disbursed, setDisbursed] = useState<number | string>('');
  const [over, setOver] = useState('');
  const num = (v: number | string) => (v === '' ? null : Number(v));
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('funding')}
          size="xs"
          w={200}
          value={source}
          onChange={setSource}
          data={Object.entries(FUNDING_SOURCES).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
        />
        <NumberInput label={t('year')} size="xs" w={80} value={year} onChange={setYear} min={2000} max={2050} />
        {[
          [t('planned'), planned, setPlanned],
          [t('allocated'), allocated, setAllocated],
          [t('disbursed'), disbursed, setDisbursed],
        ].map(([label, v, setV]) => (
          <NumberInput
            key={label as string}
            label={`${label} (${t('millionVnd')})`}
            size="xs"
            w={150}
            value={v as number | string}
            onChange={setV as (v: number | string) => void}
            thousandSeparator="."
            decimalSeparator=","
            min={0}
          />
        ))}
      </Group>
      <TextInput label={t('overNote')} size="xs" value={over} onChange={(e) => setOver(e.currentTarget.value)} />
      <Group>
        <Button
          size="xs"
          loading={w.addLine.isPending}
          onClick={() =>
            w.addLine.mutate(
              {
                source: source as FundingSource,
                year: Number(year),
                planned: num(planned) ?? 0,
                allocated: num(allocated),
                disbursed: num(disbursed),
                overDisbursementNote: over || null,
              },
              {
                onSuccess: () => {
                  setPlanned('');
                  setAllocated('');
                  setDisbursed('');
                  setOver('');
                },
              },
            )
          }
        >
          {t('add')}
        </Button>
      </Group>
      <ErrorText error={w.addLine.error} />
    </Stack>
  );
}

function MilestoneForm({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const w = useProjectWrites(p.code);
  const [name, setName] = useState('');
  const [planned, setPlanned] = useState('');
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end">
        <TextInput
          label={t('milestones')}
          size="xs"
          w={320}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t('plannedDate')}
          type="date"
          size="xs"
          value={planned}
          onChange={(e) => setPlanned(e.currentTarget.value)}
        />
        <Button
          size="xs"
          loading={w.addMilestone.isPending}
          onClick={() =>
            w.addMilestone.mutate(
              { nameVi: name, plannedDate: planned },
              {
                onSuccess: () => {
                  setName('');
                  setPlanned('');
                },
              },
            )
          }
        >
          {t('add')}
        </Button>
      </Group>
      <ErrorText error={w.addMilestone.error} />
    </Stack>
  );
}

function ProgressForm({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const w = useProjectWrites(p.code);
  const [asOf, setAsOf] = useState(todayIso());
  const [status, setStatus] = useState<string | null>('under_way');
  const [percent, setPercent] = useState<number | string>('');
  const [narrative, setNarrative] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [publish, setPublish] = useState(true);
  const [done, setDone] = useState(false);
  return (
    <Card withBorder bg="gray.0" data-testid="progress-form">
      <Text fw={600} mb={6}>
        {t('postUpdate')}
      </Text>
      <Stack gap={6}>
        <Group gap="xs" align="flex-end">
          <TextInput
            label={t('asOf')}
            type="date"
            size="xs"
            value={asOf}
            onChange={(e) => setAsOf(e.currentTarget.value)}
          />
          <Select
            label={t('status')}
            size="xs"
            w={200}
            value={status}
            onChange={setStatus}
            data={(['preparing', 'under_way', 'completed', 'suspended'] as const).map((s) => ({
              value: s,
              label: pick(PROJECT_STATUSES[s].vi, PROJECT_STATUSES[s].en),
            }))}
          />
          <NumberInput label={t('percent')} size="xs" w={150} min={0} max={100} value={percent} onChange={setPercent} />
        </Group>
        <Textarea
          label={t('narrative')}
          autosize
          minRows={3}
          value={narrative}
          onChange={(e) => setNarrative(e.currentTarget.value)}
        />
        <FileInput
          label={t('evidence')}
          multiple
          size="xs"
          value={files}
          onChange={setFiles}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          clearable
          data-testid="evidence-input"
        />
        <Checkbox label={t('publishNow')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
        <Group>
          <Button
            size="xs"
            loading={w.postUpdate.isPending}
            onClick={() =>
              w.postUpdate.mutate(
                {
                  body: {
                    asOf,
                    status: status as ReportedStatus,
                    percent: percent === '' ? null : Number(percent),
                    narrative,
                    publish,
                  },
                  files,
                },
                {
                  onSuccess: () => {
                    setNarrative('');
                    setFiles([]);
                    setPercent('');
                    setDone(true);
                  },
                },
              )
            }
          >
            {publish ? t('publish') : t('saveDraft')}
          </Button>
          {done && !w.postUpdate.isPending && !w.postUpdate.error && (
            <Text size="sm" c="green.8" role="status">
              {t('saved')}
            </Text>
          )}
        </Group>
        <ErrorText error={w.postUpdate.error} />
      </Stack>
    </Card>
  );
}

/** A project's page: facts, provinces (with today's), map, money, milestones and progress; editors can update. */
/** The form under a section, on a grey card, for those who may edit the project. */
function EditorBox({ show, children }: { show: boolean; children: React.ReactNode }) {
  return show ? (
    <Card withBorder mt="sm" bg="gray.0">
      {children}
    </Card>
  ) : null;
}

/** What the plan says of the project: plan, task group, sector, phase, funding, agencies, place, source. */
export function FactsCard({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('facts')}
      </Text>
      <Table variant="vertical" fz="sm" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={190}>{t('plan')}</Table.Th>
            <Table.Td>
              <Anchor component={Link} to={`/plans/${p.planCode}`} size="sm">
                {pick(p.planNameVi, p.planNameEn)}
              </Anchor>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('taskGroup')}</Table.Th>
            <Table.Td>
              {p.taskGroup ? `${p.taskGroup.code} — ${pick(p.taskGroup.nameVi, p.taskGroup.nameEn)}` : '—'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('sector')}</Table.Th>
            <Table.Td>
              {pick(SECTORS[p.sector].vi, SECTORS[p.sector].en)}
              {p.sectorDetail ? ` (${pick(p.sectorDetail, p.sectorDetailEn ?? '')})` : ''}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('phase')}</Table.Th>
            <Table.Td>
              {p.phase ?? '—'}
              {p.periodText && p.periodText !== p.phase ? ` · ${p.periodText}` : ''}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('fundingType')}</Table.Th>
            <Table.Td>
              {pick(FUNDING_TYPES[p.fundingType].vi, FUNDING_TYPES[p.fundingType].en)}
              {p.intendedSources.length > 0 &&
                ` — ${p.intendedSources.map((s) => pick(FUNDING_SOURCES[s].vi, FUNDING_SOURCES[s].en)).join(', ')}`}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('lead')}</Table.Th>
            <Table.Td>{p.leadAgencyText ?? '—'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('responsible')}</Table.Th>
            <Table.Td>
              {p.responsibleOrgs.length === 0
                ? '—'
                : p.responsibleOrgs.map((o) => (
                    <Group gap={4} key={o.code}>
                      {pick(o.nameVi, o.nameEn)} {o.isDemo && <DemoBadge />}
                    </Group>
                  ))}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('location')}</Table.Th>
            <Table.Td>{p.locationText ? pick(p.locationText, p.locationTextEn ?? '') : '—'}</Table.Td>
          </Table.Tr>
          {p.scale && (
            <Table.Tr>
              <Table.Th>{t('scale')}</Table.Th>
              <Table.Td>{pick(p.scale, p.scaleEn ?? '')}</Table.Td>
            </Table.Tr>
          )}
          {p.notes && (
            <Table.Tr>
              <Table.Th>{t('note')}</Table.Th>
              <Table.Td>{pick(p.notes, p.notesEn ?? '')}</Table.Td>
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Th>{t('source')}</Table.Th>
            <Table.Td>
              <Text size="xs">
                {pick(p.source, p.sourceEn ?? '')}
                {p.sourceSection ? ` (${p.sourceSection})` : ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The provinces the project touches, with their role, today’s province and how each was recognised. */
export function ProvincesCard({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('provinces')}
      </Text>
      <Table fz="sm" striped data-testid="project-provinces">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('province')}</Table.Th>
            <Table.Th>{t('role')}</Table.Th>
            <Table.Th>{t('todayProvince')}</Table.Th>
            <Table.Th ta="right">{t('costShare')}</Table.Th>
            <Table.Th>{t('resolvedVia')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.provinces.map((x) => (
            <Table.Tr key={`${x.vintage}-${x.code}`} data-code={x.code}>
              <Table.Td>
                {pick(x.nameVi, x.nameEn)}{' '}
                <Text span c="dimmed" size="xs">
                  ({x.code})
                </Text>
              </Table.Td>
              <Table.Td>{t(`role_${x.role}`)}</Table.Td>
              <Table.Td>{x.today ? `${pick(x.today.nameVi, x.today.nameEn)} (${x.today.code})` : '—'}</Table.Td>
              <Table.Td ta="right">{x.costShare === null ? '—' : `${formatNumber(x.costShare, lang, 2)}%`}</Table.Td>
              <Table.Td>
                <Text size="xs">
                  {x.resolvedVia ? t(`via_${x.resolvedVia}`) : '—'}
                  {x.matchedText ? `: “${x.matchedText}”` : ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {p.unresolved.length > 0 && (
        <Alert color="orange" variant="light" mt="xs" p="xs" title={t('unresolved')} data-testid="unresolved">
          {p.unresolved.map((u) => (
            <Text size="sm" key={u.text}>
              “{pick(u.text, u.textEn ?? '')}” — {t(`reason_${u.reason}`)}
            </Text>
          ))}
        </Alert>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('interRule')} {t('interProvincial')}: <b>{p.interProvincial ? t('yes') : t('no')}</b>; {t('interToday')}:{' '}
        <b>{p.interProvincialToday ? t('yes') : t('no')}</b>.
      </Text>
    </Card>
  );
}

/** Funding lines by source and year (planned, allocated, disbursed), with the funnel; editors add and delete lines. */
export function FundingCard({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const w = useProjectWrites(p.code);
  const canEdit = p.permissions.canEdit;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('fundingLines')}</Text>
        <Text size="xs" c="dimmed">
          {t('millionVnd')}
        </Text>
      </Group>
      {p.fundingLines.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noFunding')}
        </Text>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Funnel totals={p.fundingSummary.totals} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Table fz="sm" striped data-testid="funding-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('funding')}</Table.Th>
                  <Table.Th>{t('year')}</Table.Th>
                  <Table.Th ta="right">{t('planned')}</Table.Th>
                  <Table.Th ta="right">{t('allocated')}</Table.Th>
                  <Table.Th ta="right">{t('disbursed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.fundingLines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      {pick(FUNDING_SOURCES[l.source].vi, FUNDING_SOURCES[l.source].en)} {l.isDemo && <DemoBadge />}
                      {l.overDisbursementNote && (
                        <Text size="xs" c="orange.8">
                          {t('overNote')}: {l.overDisbursementNote}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{l.year}</Table.Td>
                    <Table.Td ta="right">{formatNumber(l.planned, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(l.allocated, lang)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(l.disbursed, lang)}</Table.Td>
                    <Table.Td>
                      {canEdit && (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => w.deleteLine.mutate(l)}>
                          {t('delete')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Grid.Col>
        </Grid>
      )}
      <ErrorText error={w.deleteLine.error} />
      <EditorBox show={canEdit}>
        <FundingForm p={p} />
      </EditorBox>
    </Card>
  );
}

/** Milestones with planned and actual dates and their state; editors record one as done today. */
export function MilestonesCard({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const w = useProjectWrites(p.code);
  const canEdit = p.permissions.canEdit;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('milestones')}
      </Text>
      {p.milestones.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('noMilestones')}
        </Text>
      ) : (
        <Table fz="sm" striped data-testid="milestones">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('milestones')}</Table.Th>
              <Table.Th>{t('plannedDate')}</Table.Th>
              <Table.Th>{t('actualDate')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.milestones.map((m) => (
              <Table.Tr key={m.id} bg={m.state === 'late' ? 'red.0' : undefined} data-state={m.state}>
                <Table.Td>
                  {pick(m.nameVi, m.nameEn ?? m.nameVi)} {m.isDemo && <DemoBadge />}
                </Table.Td>
                <Table.Td>{formatDate(m.plannedDate)}</Table.Td>
                <Table.Td>
                  {m.actualDate ? (
                    formatDate(m.actualDate)
                  ) : canEdit ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => w.editMilestone.mutate({ m, patch: { actualDate: todayIso() } })}
                    >
                      {t('state_done')} ({formatDate(todayIso())})
                    </Button>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge
                    size="sm"
                    color={{ done: 'green', done_late: 'orange', late: 'red', upcoming: 'gray' }[m.state]}
                    variant="light"
                  >
                    {t(`state_${m.state}`)}
                    {m.daysLate ? ` · ${m.daysLate} ${t('daysLate')}` : ''}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorText error={w.editMilestone.error} />
      <EditorBox show={canEdit}>
        <MilestoneForm p={p} />
      </EditorBox>
    </Card>
  );
}

/** Progress updates (drafts and published) with their evidence; editors post and publish. */
export function ProgressCard({ p }: { p: ProjectDetail }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const w = useProjectWrites(p.code);
  const canEdit = p.permissions.canEdit;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t('progress')}
      </Text>
      <Stack gap="xs" data-testid="progress-updates">
        {p.progressUpdates.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('noUpdates')}
          </Text>
        )}
        {p.progressUpdates.map((u) => (
          <Card key={u.id} withBorder padding="xs" data-testid="progress-update" data-state={u.state}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {formatDate(u.asOf)}
              </Text>
              <Badge size="sm" variant="light">
                {pick(PROJECT_STATUSES[u.status].vi, PROJECT_STATUSES[u.status].en)}
                {u.percent !== null ? ` · ${u.percent}%` : ''}
              </Badge>
              <Badge size="sm" variant="outline" color={u.state === 'draft' ? 'gray' : 'blue'}>
                {u.state === 'draft' ? t('draft') : t('published')}
              </Badge>
              {u.isDemo && <DemoBadge />}
              <Text size="xs" c="dimmed">
                {t('postedBy')}: {pick(u.organisation.nameVi, u.organisation.nameEn)} ·{' '}
                <span lang="vi">{u.authorName}</span>
              </Text>
              {u.state === 'draft' && canEdit && (
                <Button size="compact-xs" onClick={() => w.publish.mutate(u)}>
                  {t('publish')}
                </Button>
              )}
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} lang="vi">
              {u.narrative}
            </Text>
            {u.evidence.length > 0 && (
              <Group gap="xs" mt={4}>
                {u.evidence.map((e) => (
                  <Anchor key={e.id} href={`/api/v1/evidence/${e.id}`} size="xs" data-testid="evidence-link">
                    📎 {e.fileName} ({formatBytes(e.size, lang)})
                  </Anchor>
                ))}
              </Group>
            )}
          </Card>
        ))}
        <ErrorText error={w.publish.error} />
      </Stack>
      {canEdit && (
        <div style={{ marginTop: 12 }}>
          <ProgressForm p={p} />
        </div>
      )}
    </Card>
  );
}
