import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Flex,
  Group,
  List,
  Loader,
  Modal,
  NavLink,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { DraftSyncResult, ReportDraftResponse } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { PageMessage } from '../../components/PageMessage';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useMe } from '../access/api';
import { ReportMaterialPanel } from '../councils/ReportMaterialPanel';
import { DuplicatesMaterialPanel } from '../monitoring/DuplicatesMaterialPanel';
import { useCreateDraft, useDraft, useDraftAction, useDraftHistory, useReportCycles } from './api';
import { CompletenessTable } from './CompletenessTable';
import { Exports } from './DraftExports';
import { EditorialSections, SettingsForm, StaffTables, TaskPanel, UnitEditor, useSaveUnit } from './DraftParts';
import { DICT, DRAFT_DICT } from './i18n';

/**
 * The national report of one reporting cycle, for MoF staff: the draft assembled from the accepted submissions, the
 * letter's settings and every part to edit, the re-sync with the submissions, the exports, acceptance as a numbered
 * version, and the history of who changed what.
 */

function History({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { lang, pick } = useI18n();
  const h = useDraftHistory(d.cycleId, d.permissions.exportZip);
  if (!d.permissions.exportZip) return <Text size="sm">{t('historyAdmins')}</Text>;
  if (h.isLoading) return <Loader size="sm" />;
  if (h.error) return <Alert color="red">{h.error instanceof ApiError ? h.error.text(lang) : String(h.error)}</Alert>;
  return (
    <Table fz="xs" striped verticalSpacing={4} data-testid="draft-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>{t('when')}</Table.Th>
          <Table.Th w={150}>{t('who')}</Table.Th>
          <Table.Th>{t('what')}</Table.Th>
          <Table.Th>{t('before')}</Table.Th>
          <Table.Th>{t('after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {h.data?.items.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{formatDateTime(e.at, lang)}</Table.Td>
            <Table.Td>{e.user}</Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" radius="sm" mr={4}>
                {t(`action_${e.action}`)}
              </Badge>
              {pick(e.labelVi, e.labelEn)}
              {e.note && (
                <Text size="xs" c="dimmed">
                  {e.note}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" lineClamp={3}>
                {e.before ?? ''}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" lineClamp={3}>
                {e.after ?? ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Appendix({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const td = useDict(DICT);
  const m = d.model;
  const groups = [
    { key: 'ministry', label: 'I. Bộ, ngành, cơ quan ngang bộ' },
    { key: 'locality', label: 'II. UBND các tỉnh, thành phố trực thuộc Trung ương' },
  ] as const;
  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }}>
      <Card withBorder padding={0}>
        <Title order={5} p="md" pb={4}>
          {m.settings.appendixTitle}
        </Title>
        <Text size="xs" c="dimmed" px="md" pb="xs">
          {t('appendixNote')}
        </Text>
        <Table fz="xs" striped data-testid="draft-appendix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>STT</Table.Th>
              <Table.Th>{t('organisation')}</Table.Th>
              <Table.Th>{t('docNo')}</Table.Th>
              <Table.Th>{t('issued')}</Table.Th>
              <Table.Th>{t('receivedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {groups.map((g) => [
              <Table.Tr key={g.key}>
                <Table.Td colSpan={5} fw={700}>
                  {g.label}
                </Table.Td>
              </Table.Tr>,
              ...m.reporters
                .filter((r) => r.group === g.key)
                .map((r, i) => (
                  <Table.Tr key={r.organisationCode}>
                    <Table.Td>{i + 1}.</Table.Td>
                    <Table.Td>
                      {r.name}
                      {r.note && (
                        <Tooltip label={r.note} multiline maw={360}>
                          <Badge size="xs" color="yellow" variant="light" ml={4} radius="sm">
                            {t('flagged')}
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>{r.drafting ? t('drafting') : r.documentNumber}</Table.Td>
                    <Table.Td>{r.issuedOn ? formatDate(r.issuedOn) : ''}</Table.Td>
                    <Table.Td>{r.receivedOn ? formatDate(r.receivedOn) : ''}</Table.Td>
                  </Table.Tr>
                )),
            ])}
          </Table.Tbody>
        </Table>
      </Card>
      <Stack>
        <Card withBorder>
          <Title order={5}>{td('computed')}</Title>
          <CompletenessTable lines={d.completeness} testId="draft-completeness" />
          <Text size="xs" c="dimmed" mt={4}>
            {t('completenessNote').replace('{date}', formatDate(m.settings.geographyDate))}
          </Text>
        </Card>
        {m.nonReporters.length > 0 && (
          <Card withBorder>
            <Title order={6}>{t('nonReporters')}</Title>
            <Text size="sm" mt={4}>
              {m.nonReporters.map((r) => r.name).join('; ')}
            </Text>
          </Card>
        )}
        <Text size="xs" c="dimmed">
          {t('provenance')}: {/* the package's own source line, as its files state it */}
          <span lang="vi">{m.provenance}</span>
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

/** A short label of a task for the list: its own line without the "- Đối với nhiệm vụ …:" frame, or the item heading. */
const taskLabel = (subheading: string | null, heading: string) => {
  const s = (subheading ?? heading).replace(/^- Đối với nhiệm vụ /, '').replace(/:$/, '');
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
};

function PartOne({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const [params, setParams] = useSearchParams();
  const tasks = d.model.report.partOne.sections.flatMap((s) =>
    s.items.flatMap((i) => i.tasks.map((x) => ({ section: s.code, code: x.code, task: x, item: i }))),
  );
  const code = params.get('task') ?? tasks[0]?.code ?? '';
  const editedTasks = new Set(
    d.units
      .filter((u) => u.edited && u.key.startsWith('report.tasks.'))
      .map((u) => u.key.replace(/^report\.tasks\.(.+)\.(synthesis|status)$/, '$1')),
  );
  return (
    <Stack gap="md">
      <Accordion variant="contained" multiple>
        <Accordion.Item value="intro">
          <Accordion.Control>{t('reportIntro')}</Accordion.Control>
          <Accordion.Panel>
            <UnitEditor d={d} unit="report.intro" />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="p1">
          <Accordion.Control>{t('partOneIntro')}</Accordion.Control>
          <Accordion.Panel>
            <UnitEditor d={d} unit="report.partOne.intro" />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      {/* The task list beside the task on wide screens, above it on a phone. */}
      <Flex align="flex-start" direction={{ base: 'column', md: 'row' }} gap="md">
        <Card withBorder padding={4} w={{ base: '100%', md: 330 }} style={{ flexShrink: 0 }}>
          <ScrollArea.Autosize mah={{ base: '40vh', md: '75vh' }}>
            {d.model.report.partOne.sections.map((s) => (
              <div key={s.code}>
                <Text size="xs" fw={700} px={8} pt={8} pb={2} c="dimmed">
                  {s.code}. {s.title}
                </Text>
                {tasks
                  .filter((x) => x.section === s.code)
                  .map((x) => (
                    <NavLink
                      key={x.code}
                      active={x.code === code}
                      onClick={() =>
                        setParams((p) => ({ ...Object.fromEntries(p), tab: 'part1', task: x.code }), { replace: true })
                      }
                      data-testid={`task-link-${x.code}`}
                      label={
                        <Text size="xs" lineClamp={2}>
                          <b>{x.code}</b> {taskLabel(x.task.subheading, x.item.heading)}
                        </Text>
                      }
                      rightSection={
                        <Group gap={2} wrap="nowrap">
                          {editedTasks.has(x.code) && <Badge size="xs" color="grape" variant="dot" />}
                          <Badge size="xs" variant="light" color="gray" radius="sm">
                            {x.task.narratives.length}
                          </Badge>
                        </Group>
                      }
                    />
                  ))}
              </div>
            ))}
          </ScrollArea.Autosize>
        </Card>
        <div style={{ flex: 1, minWidth: 0, width: '100%' }}>
          <TaskPanel key={code} d={d} code={code} />
        </div>
      </Flex>
    </Stack>
  );
}

function Editorial({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const save = useSaveUnit(d);
  const [copyOpen, setCopyOpen] = useState(false);
  return (
    <Stack gap="md">
      {d.permissions.edit && (
        <Card withBorder padding="sm">
          <Group justify="space-between">
            <Text size="sm" maw={800}>
              {t('copyText')}
            </Text>
            <Button size="xs" variant="light" onClick={() => setCopyOpen(true)} data-testid="copy-editorial">
              {t('copyButton')}
            </Button>
          </Group>
          {save.error && (
            <Text size="xs" c="red">
              {save.error}
            </Text>
          )}
        </Card>
      )}
      {(['partTwo', 'partThree'] as const).map((p, i) => (
        <Stack key={p} gap="xs">
          <Title order={5}>
            {i === 0 ? 'II' : 'III'}. {d.model.report[p].title}
          </Title>
          <UnitEditor d={d} unit={`report.${p}.intro`} title={t('partIntro')} minHeight={50} />
          <EditorialSections d={d} part={p} numberPrefix={i === 0 ? '2.' : '3.'} />
        </Stack>
      ))}
      <StaffTables d={d} />
      <Modal opened={copyOpen} onClose={() => setCopyOpen(false)} title={t('copyButton')}>
        <Text size="sm">{t('copyConfirm')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setCopyOpen(false)}>
            {t('cancel')}
          </Button>
          <Button
            loading={save.saving}
            onClick={async () => {
              await save.save([{ kind: 'copyEditorial', from: { sample: 'res57-2025' } }]);
              setCopyOpen(false);
            }}
          >
            {t('confirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

function Letter({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  return (
    <Stack gap="md">
      <SettingsForm d={d} />
      <UnitEditor d={d} unit="letter.opening" title={t('letterOpening')} minHeight={80} />
      <Title order={6}>{t('letterPoints')}</Title>
      <EditorialSections d={d} part="letter" numberPrefix="" />
      <UnitEditor d={d} unit="letter.closing" title={t('letterClosing')} minHeight={50} />
    </Stack>
  );
}

function SyncBar({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { lang, pick } = useI18n();
  const action = useDraftAction(d.cycleId);
  const [result, setResult] = useState<DraftSyncResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = d.sync;
  return (
    <>
      {s.stale && d.status === 'draft' && (
        <Alert color="yellow" title={t('staleTitle')} data-testid="draft-stale">
          <Text size="sm">
            {t('staleText').replace('{u}', String(s.updates)).replace('{c}', String(s.conflicts))}
            {s.added.length > 0 && ` ${t('staleAdded')}: ${s.added.join(', ')}.`}
            {s.withdrawn.length > 0 && ` ${t('staleWithdrawn')}: ${s.withdrawn.join(', ')}.`}
          </Text>
          {d.permissions.edit && (
            <Button
              size="xs"
              mt="xs"
              loading={action.isPending}
              data-testid="sync"
              onClick={() =>
                action.mutate(
                  { action: 'sync', version: d.version },
                  {
                    onSuccess: (out) => setResult(out.result),
                    onError: (e) => setError(e instanceof ApiError ? e.text(lang) : String(e)),
                  },
                )
              }
            >
              {t('sync')}
            </Button>
          )}
          {error && (
            <Text size="xs" c="red">
              {error}
            </Text>
          )}
        </Alert>
      )}
      {result && (
        <Alert
          color="green"
          withCloseButton
          onClose={() => setResult(null)}
          title={t('syncDone')}
          data-testid="sync-result"
        >
          <Text size="sm">
            {t('syncSummary')
              .replace('{u}', String(result.updated.length))
              .replace('{c}', String(result.conflicts.length))
              .replace('{a}', String(result.reportersAdded.length))
              .replace('{r}', String(result.reportersRemoved.length))}
          </Text>
          {result.conflicts.length > 0 && (
            <List size="xs" mt={4}>
              {result.conflicts.map((c) => (
                <List.Item key={c.unit}>{pick(c.labelVi, c.labelEn)}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {d.pending.length > 0 && (
        <Alert
          color="orange"
          title={t('pendingTitle').replace('{n}', String(d.pending.length))}
          data-testid="draft-pending"
        >
          <List size="xs">
            {d.pending.map((p) => (
              <List.Item key={p.unit}>{pick(p.labelVi, p.labelEn)}</List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" mt={4}>
            {t('pendingHelp')}
          </Text>
        </Alert>
      )}
    </>
  );
}

function DraftView({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { pick, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'letter';
  const latest = d.versions[0];
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/documents" size="sm">
            ← {t('back')}
          </Anchor>
          <Title order={1} size="h2" mt={4}>
            {t('draftTitle')}
          </Title>
          <Text size="sm">{pick(d.cycle.nameVi, d.cycle.nameEn)}</Text>
          <Group gap="xs" mt={4}>
            {d.status === 'final' ? (
              <Badge color="green" radius="sm" data-testid="draft-status">
                {t('statusFinal').replace('{n}', String(latest?.number ?? ''))}
              </Badge>
            ) : (
              <Badge color="blue" variant="light" radius="sm" data-testid="draft-status">
                {t('statusDraft')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {t('versionLine')
                .replace('{v}', String(d.version))
                .replace('{who}', d.updatedBy)
                .replace('{at}', formatDateTime(d.updatedAt, lang))}
            </Text>
          </Group>
        </div>
        <Card withBorder padding="xs" data-testid="draft-counts">
          <Text size="xs" c="dimmed">
            {t('reportersLine')}
          </Text>
          <Text size="sm" fw={600}>
            {/* the Vietnamese line is the document's own wording; the English page says the same in English */}
            {lang === 'vi'
              ? d.fields.reporterCounts
              : `${d.reporters.ministries} ${DICT.ministries.en} and ${d.reporters.localities} ${DICT.localities.en}`}
          </Text>
          <Text size="xs" c="dimmed">
            {t('cutOffLine')} {d.fields.cutOffDate} · <span lang="vi">{d.fields.requestLetter}</span>
          </Text>
        </Card>
      </Group>
      {!d.permissions.edit && d.status === 'draft' && (
        <Alert color="gray" p="xs">
          {t('readOnly')}
        </Alert>
      )}
      <SyncBar d={d} />
      <ReportMaterialPanel year={d.cycle.year} />
      <DuplicatesMaterialPanel />
      <Tabs
        value={tab}
        onChange={(v) => setParams((p) => ({ ...Object.fromEntries(p), tab: v ?? 'letter' }), { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="letter">{t('tabLetter')}</Tabs.Tab>
          <Tabs.Tab value="part1">{t('tabPartOne')}</Tabs.Tab>
          <Tabs.Tab value="editorial">{t('tabEditorial')}</Tabs.Tab>
          <Tabs.Tab value="appendix">{t('tabAppendix')}</Tabs.Tab>
          <Tabs.Tab
            value="exports"
            rightSection={
              d.missing.length > 0 && d.status === 'draft' ? (
                <Badge size="xs" color="gray">
                  {d.missing.length}
                </Badge>
              ) : null
            }
          >
            {t('tabExports')}
          </Tabs.Tab>
          <Tabs.Tab value="history">{t('tabHistory')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="letter" pt="md">
          <Letter d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="part1" pt="md">
          <PartOne d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="editorial" pt="md">
          <Editorial d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="appendix" pt="md">
          <Appendix d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="exports" pt="md">
          <Exports d={d} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History d={d} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function NoDraft({ cycleId, isAdmin }: { cycleId: number; isAdmin: boolean }) {
  const t = useDict(DRAFT_DICT);
  const { pick, lang } = useI18n();
  const cycles = useReportCycles(true);
  const create = useCreateDraft(cycleId);
  const c = cycles.data?.items.find((x) => x.id === cycleId);
  return (
    <Stack>
      <Anchor component={Link} to="/documents" size="sm">
        ← {t('back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('draftTitle')}
      </Title>
      {c && <Text size="sm">{pick(c.nameVi, c.nameEn)}</Text>}
      <Card withBorder maw={760}>
        <Text size="sm">{t('noDraft')}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          {t('noDraftHow')}
        </Text>
        {isAdmin ? (
          <Group mt="sm">
            <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="create-draft">
              {t('createDraft')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" mt="sm" c="dimmed">
            {t('noDraftViewer')}
          </Text>
        )}
        {create.error && (
          <Text size="xs" c="red" mt="xs" role="alert">
            {create.error instanceof ApiError ? create.error.text(lang) : String(create.error)}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

/** The page of a cycle's national report (`/documents/cycles/:id`). */
export function DraftPage() {
  const t = useDict(DRAFT_DICT);
  const td = useDict(DICT);
  const { lang, t: ta } = useI18n();
  const { id } = useParams();
  const cycleId = Number(id);
  const me = useMe();
  const draft = useDraft(me.data ? cycleId : 0);
  if (me.isLoading) return <Loader />;
  if (!me.data)
    return (
      <PageMessage title={td('title')}>
        {td('signIn')}{' '}
        <Anchor component={Link} to={`/login?next=/documents/cycles/${cycleId}`}>
          {ta('login')}
        </Anchor>
      </PageMessage>
    );
  if (draft.isLoading) return <Loader />;
  if (draft.error instanceof ApiError && draft.error.problem?.code === 'no_draft')
    return <NoDraft cycleId={cycleId} isAdmin={me.data.role === 'admin'} />;
  if (draft.error)
    return (
      <Stack>
        <Anchor component={Link} to="/documents" size="sm">
          ← {t('back')}
        </Anchor>
        <PageMessage title={t('draftTitle')} color="red">
          {draft.error instanceof ApiError ? draft.error.text(lang) : String(draft.error)}
        </PageMessage>
      </Stack>
    );
  return draft.data ? <DraftView d={draft.data} /> : null;
}

/** The cycles' reports, listed on the documents page. */
export function CycleReports() {
  const t = useDict(DRAFT_DICT);
  const { pick } = useI18n();
  const cycles = useReportCycles(true);
  if (!cycles.data?.items.length) return null;
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="md" pb={4}>
        {t('byCycle')}
      </Title>
      <Text size="xs" c="dimmed" px="md" pb="xs">
        {t('byCycleNote')}
      </Text>
      <Table fz="sm" striped highlightOnHover data-testid="cycle-reports">
        <Table.Tbody>
          {cycles.data.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td w={70}>{c.year}</Table.Td>
              <Table.Td>{pick(c.nameVi, c.nameEn)}</Table.Td>
              <Table.Td w={160}>
                <Text size="xs" c="dimmed">
                  {c.publishedAt ? t('published') : t('notPublished')}
                </Text>
              </Table.Td>
              <Table.Td w={170}>
                <Button
                  size="xs"
                  variant="light"
                  component={Link}
                  to={`/documents/cycles/${c.id}`}
                  data-testid={`open-cycle-report-${c.year}`}
                >
                  {t('openDraft')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
