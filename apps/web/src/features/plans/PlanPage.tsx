import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { RfIndicator } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useCurrentUser, useIndicatorWrites, usePlan } from './api';
import { DemoBadge, TargetBadge } from './components/Badges';
import { DICT } from './i18n';
import { AddIndicatorForm, CreateProjectForm } from './PlanAdmin';

function fmt(v: number | null, lang: 'vi' | 'en') {
  if (v === null) return '—';
  return formatNumber(v, lang, Number.isInteger(v) ? 0 : 2);
}

/** Admin form under an indicator: a new target or a revision (the reason is required by the server), or an actual. */
function IndicatorAdmin({ i, planCode }: { i: RfIndicator; planCode: string }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const w = useIndicatorWrites(planCode);
  const [kind, setKind] = useState<string | null>('end');
  const [year, setYear] = useState<number | string>(2030);
  const [value, setValue] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [aYear, setAYear] = useState<number | string>(new Date().getFullYear() - 1);
  const [aValue, setAValue] = useState<number | string>('');
  const [aSource, setASource] = useState('');
  const err = w.addTarget.error ?? w.addActual.error;
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end">
        <Select
          size="xs"
          w={130}
          label={t('targets')}
          value={kind}
          onChange={setKind}
          data={[
            { value: 'period', label: lang === 'vi' ? 'Giai đoạn' : 'Period' },
            { value: 'end', label: lang === 'vi' ? 'Cuối kỳ' : 'End' },
          ]}
        />
        <NumberInput size="xs" w={90} label={t('year')} value={year} onChange={setYear} />
        <NumberInput size="xs" w={120} label={t('targets')} value={value} onChange={setValue} decimalSeparator="," />
        <TextInput
          size="xs"
          w={320}
          label={t('reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button
          size="xs"
          loading={w.addTarget.isPending}
          onClick={() =>
            w.addTarget.mutate({
              ind: i,
              body: {
                kind: kind as 'period' | 'end',
                year: year === '' ? null : Number(year),
                value: Number(value),
                reason: reason || null,
              },
            })
          }
        >
          {t('saveTarget')}
        </Button>
      </Group>
      <Group gap="xs" align="flex-end">
        <NumberInput size="xs" w={90} label={t('year')} value={aYear} onChange={setAYear} />
        <NumberInput size="xs" w={120} label={t('actual')} value={aValue} onChange={setAValue} decimalSeparator="," />
        <TextInput
          size="xs"
          w={320}
          label={t('source')}
          value={aSource}
          onChange={(e) => setASource(e.currentTarget.value)}
        />
        <Button
          size="xs"
          variant="light"
          loading={w.addActual.isPending}
          onClick={() =>
            w.addActual.mutate({ ind: i, body: { year: Number(aYear), value: Number(aValue), sourceText: aSource } })
          }
        >
          {t('saveActual')}
        </Button>
      </Group>
      {err instanceof ApiError && (
        <Alert color="red" p="xs">
          {err.text(lang)}
        </Alert>
      )}
    </Stack>
  );
}

/** The actual the status uses, where it came from (statistics: datasets, releases, method), and a reported one beside. */
function ActualCell({ i }: { i: RfIndicator }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const a = i.actual;
  const st = a?.statistics ?? null;
  const rep = i.reportedActual && i.reportedActual !== a && a?.origin === 'statistics' ? i.reportedActual : null;
  if (!a)
    return (
      <Text size="xs" c="dimmed" data-testid="no-actual">
        {i.actualNote ? pick(i.actualNote.vi, i.actualNote.en) : '—'}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="actual" data-origin={a.origin}>
      <Group gap={4}>
        <Text size="sm" fw={500}>
          {fmt(a.value, lang)} ({a.year})
        </Text>
        <Badge size="xs" variant="light" color={a.origin === 'statistics' ? 'teal' : 'gray'}>
          {a.origin === 'statistics' ? t('fromStats') : t('reported')}
        </Badge>
      </Group>
      {st ? (
        <>
          {st.sources.map((s) => (
            <Text size="xs" c="dimmed" key={s.releaseId} data-testid="actual-source">
              {s.datasetId !== null ? (
                <Anchor component={Link} to={`/data/datasets/${s.datasetId}`} size="xs" underline="always">
                  {pick(s.titleVi, s.titleEn)}
                </Anchor>
              ) : (
                pick(s.titleVi, s.titleEn)
              )}{' '}
              — {pick(s.publisher, s.publisherEn)}, {t('release')} {s.releaseNumber} ({formatDate(s.publishedAt)})
            </Text>
          ))}
          <Text size="xs" c="dimmed" data-testid="actual-method">
            {t('method')}: {pick(st.methodVi, st.methodEn)} ({pick(st.geographyVi, st.geographyEn)}
            {st.status && st.status !== 'final'
              ? `; ${st.status === 'provisional' ? t('provisional') : t('estimate')}`
              : ''}
            )
          </Text>
          <Anchor
            component={Link}
            size="xs"
            to={`/data?indicator=${st.indicator}&level=${i.scopeKind}&at=${st.geoDate < '2025-07-01' ? '2025-06-30' : '2025-07-01'}&period=${a.year}`}
          >
            {t('openInStats')}
          </Anchor>
        </>
      ) : (
        <Text size="xs" c="dimmed" lang="vi">
          {a.sourceText}
        </Text>
      )}
      {rep && (
        <Text size="xs" c="dimmed" data-testid="reported-actual">
          {t('reportedBeside')}: {fmt(rep.value, lang)} ({rep.year}) — <span lang="vi">{rep.sourceText}</span>
        </Text>
      )}
    </Stack>
  );
}

function IndicatorRow({ i, planCode, admin }: { i: RfIndicator; planCode: string; admin: boolean }) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const revised = i.history.length > i.targets.length;
  return (
    <>
      <Table.Tr data-code={i.code}>
        <Table.Td>
          <Text size="sm">{pick(i.nameVi, i.nameEn)}</Text>
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {i.code} · {pick(i.scopeName, i.scopeNameEn)} · {pick(i.unit, i.unitEn ?? '')}
            </Text>
            {i.isDemo && <DemoBadge />}
          </Group>
        </Table.Td>
        <Table.Td>{i.baselineYear ? `${fmt(i.baselineValue, lang)} (${i.baselineYear})` : '—'}</Table.Td>
        <Table.Td>
          {i.targets.map((x) => (
            <div key={x.id}>
              {fmt(x.value, lang)} {x.year ? `(${x.year})` : `(${pick('không ghi năm', 'no year')})`}
              {x.revision > 1 && (
                <Badge size="xs" variant="outline" ml={4}>
                  r{x.revision}
                </Badge>
              )}
            </div>
          ))}
          {/* targets of at least 24 px, apart (WCAG 2.5.8) */}
          {(revised || admin) && (
            <Group gap={8} mt={4}>
              {revised && (
                <Button size="compact-sm" variant="subtle" onClick={() => setOpen((o) => !o)}>
                  {t('history')}
                </Button>
              )}
              {admin && (
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing((o) => !o)}>
                  {t('revise')}
                </Button>
              )}
            </Group>
          )}
        </Table.Td>
        <Table.Td>
          <ActualCell i={i} />
        </Table.Td>
        <Table.Td>
          <TargetBadge
            status={i.assessment.status}
            explanation={pick(i.assessment.explanationVi, i.assessment.explanationEn)}
          />
          <Text size="xs" c="dimmed" mt={2}>
            {pick(i.assessment.explanationVi, i.assessment.explanationEn)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="xs">
            {i.sourceDocument ? pick(i.sourceDocument, i.sourceDocumentEn ?? '') : '—'}
            {i.sourceSection ? `, ${pick(i.sourceSection, i.sourceSectionEn ?? '')}` : ''}
          </Text>
        </Table.Td>
      </Table.Tr>
      {editing && (
        <Table.Tr>
          <Table.Td colSpan={6} bg="blue.0">
            <IndicatorAdmin i={i} planCode={planCode} />
          </Table.Td>
        </Table.Tr>
      )}
      {open && (
        <Table.Tr>
          <Table.Td colSpan={6} bg="gray.0">
            {i.history.map((h) => (
              <Text size="xs" key={h.id} td={h.current ? undefined : 'line-through'}>
                r{h.revision} · {h.kind === 'end' ? pick('cuối kỳ', 'end') : pick('giai đoạn', 'period')} {h.year ?? ''}
                : {fmt(h.value, lang)} — {formatDate(h.createdAt)} {h.createdBy ?? ''}
                {h.reason ? ` — ${h.reason}` : ''}
              </Text>
            ))}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

/** A plan: decision, period, region then and now, task groups, implementation plans, results framework. */
export function PlanPage() {
  const { code = '' } = useParams();
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const q = usePlan(code);
  const me = useCurrentUser();
  if (q.isLoading) return <Loader />;
  if (q.error || !q.data)
    return <Alert color="red">{q.error instanceof ApiError ? q.error.text(lang) : String(q.error)}</Alert>;
  const p = q.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={p.parentCode ? `/plans/${p.parentCode}` : '/plans'} size="sm">
        ← {p.parentCode ? pick('Quy hoạch vùng', 'Regional plan') : t('plansTitle')}
      </Anchor>
      <Title order={1} size="h2" data-testid="plan-name">
        {pick(p.nameVi, p.nameEn)}
      </Title>
      <Card withBorder>
        <Table variant="vertical" fz="sm" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={220}>{t('decision')}</Table.Th>
              <Table.Td>{p.decisionNo ? `${p.decisionNo}, ${formatDate(p.decisionDate)}` : '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('period')}</Table.Th>
              <Table.Td>
                {p.periodStart}–{p.periodEnd}
                {p.visionYear ? ` · ${t('vision')} ${p.visionYear}` : ''}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('regionAtApproval')}</Table.Th>
              <Table.Td>
                {pick(p.regionAtApproval.nameVi, p.regionAtApproval.nameEn)} — {p.regionAtApproval.memberCount}{' '}
                {pick('tỉnh, thành (địa giới ngày', 'provinces (geography of')} {formatDate(p.regionAtApproval.geoDate)}
                )
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('regionsToday')}</Table.Th>
              <Table.Td>
                {p.todayRegions.map((r) => (
                  <Text size="sm" key={r.code}>
                    <b>{pick(r.nameVi, r.nameEn)}</b>: {r.formerProvinces.map((f) => f.nameVi).join(', ')}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('source')}</Table.Th>
              <Table.Td>
                <Text size="xs">{pick(p.source, p.sourceEn ?? '')}</Text>
              </Table.Td>
            </Table.Tr>
            {p.note && (
              <Table.Tr>
                <Table.Th>{t('note')}</Table.Th>
                <Table.Td>
                  <Text size="xs">{pick(p.note, p.noteEn ?? '')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>
      {p.implementationPlans.length > 0 && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {t('implementationPlans')}
          </Text>
          {p.implementationPlans.map((ip) => (
            <Text size="sm" key={ip.code}>
              <Anchor component={Link} to={`/plans/${ip.code}`}>
                {pick(ip.nameVi, ip.nameEn)}
              </Anchor>{' '}
              — {ip.decisionNo}, {formatDate(ip.decisionDate)} · {ip.taskGroupCount} {t('taskGroups').toLowerCase()} ·{' '}
              {ip.projectCount} {t('projects').toLowerCase()}
            </Text>
          ))}
        </Card>
      )}
      {p.taskGroups.length > 0 && (
        <Card withBorder padding={0}>
          <Text fw={600} p="sm" pb={0}>
            {t('taskGroups')}
          </Text>
          <Table fz="sm" striped data-testid="task-groups">
            <Table.Tbody>
              {p.taskGroups.map((g) => (
                <Table.Tr key={g.code}>
                  <Table.Td w={70}>{g.code}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {pick(g.nameVi, g.nameEn)}
                    </Text>
                    {g.descriptionVi && (
                      <Text size="xs" c="dimmed">
                        {pick(g.descriptionVi, g.descriptionEn ?? '')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" w={120}>
                    {g.projectCount > 0 ? (
                      <Anchor
                        component={Link}
                        to={`/projects?plan=${p.code}&taskGroup=${encodeURIComponent(g.code)}`}
                        size="sm"
                      >
                        {g.projectCount} {t('projects').toLowerCase()}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Card withBorder padding={0}>
        <Group justify="space-between" p="sm" pb={0}>
          <Text fw={600}>{t('resultsFramework')}</Text>
          <Group gap={6}>
            <Button
              component="a"
              size="xs"
              variant="default"
              href={`/api/v1/plans/${p.code}/results-framework?format=csv`}
            >
              CSV
            </Button>
            <Button
              component="a"
              size="xs"
              variant="default"
              href={`/api/v1/plans/${p.code}/results-framework?format=xlsx`}
            >
              XLSX
            </Button>
          </Group>
        </Group>
        {p.resultsFramework.length === 0 ? (
          <Text c="dimmed" size="sm" p="sm">
            {t('noPlanTargets')}
          </Text>
        ) : (
          <Table fz="sm" striped data-testid="results-framework">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('indicator')}</Table.Th>
                <Table.Th>{t('baseline')}</Table.Th>
                <Table.Th>{t('targets')}</Table.Th>
                <Table.Th>{t('actual')}</Table.Th>
                <Table.Th w={300}>{t('status')}</Table.Th>
                <Table.Th>{t('source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.resultsFramework.map((i) => (
                <IndicatorRow key={i.id} i={i} planCode={p.code} admin={me.data?.role === 'admin'} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed" p="sm" data-testid="status-rule">
          <b>{t('rule')}:</b> {pick(p.statusRule.vi, p.statusRule.en)}
        </Text>
      </Card>
      {me.data?.role === 'admin' && (
        <>
          <Title order={4} mt="md">
            {t('adminTools')}
          </Title>
          <AddIndicatorForm plan={p} />
          <CreateProjectForm plan={p} />
        </>
      )}
    </Stack>
  );
}
