import { Alert, Button, Card, Group, List, Modal, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import type { DocumentFile, ReportDraftResponse } from '@regionlink/shared';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { formatBytes, formatDateTime } from '../../lib/format';
import { cycleFileUrl, useDownload, useDraftAction, versionFileUrl } from './api';
import { AidsSwitches, CycleLetters } from './DraftingPanels';
import { DICT, DRAFT_DICT } from './i18n';
import { PackageJobCard } from './PackageJobCard';

/** A file of the report to download (generated on request), with its error shown under it. */
export function FileButton({
  url,
  label,
  name,
  disabled,
  testId,
}: {
  url: string;
  label: string;
  name: string;
  disabled?: string | null;
  testId: string;
}) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const download = useDownload();
  const [error, setError] = useState<string | null>(null);
  const button = (
    <Button
      size="xs"
      variant={label === 'PDF' ? 'light' : 'filled'}
      loading={download.isPending}
      disabled={!!disabled}
      data-testid={testId}
      onClick={() => {
        setError(null);
        download.mutate(
          { url, fallbackName: name },
          { onError: (e) => setError(e instanceof ApiError ? e.text(lang) : String(e)) },
        );
      }}
    >
      {download.isPending ? t('generating') : label}
    </Button>
  );
  return (
    <Stack gap={2} align="flex-start">
      {disabled ? <Tooltip label={disabled}>{<span>{button}</span>}</Tooltip> : button}
      {error && (
        <Text size="xs" c="red" role="alert">
          {t('downloadFailed')}: {error}
        </Text>
      )}
    </Stack>
  );
}

/** The report's files: letter, report and appendix as DOCX and PDF, the annex workbook and the whole package. */
function DownloadsCard({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const td = useDict(DICT);
  const files: { key: string; label: string }[] = [
    { key: 'letter', label: td('letter') },
    { key: 'report', label: td('report') },
    { key: 'appendix', label: td('appendix') },
  ];
  const latest = d.versions[0];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          {d.status === 'final' ? t('exportsFinal').replace('{n}', String(latest?.number ?? '')) : t('exportsDraft')}
        </Title>
        <Text size="xs" c="dimmed">
          {d.pdfEngine === 'libreoffice' ? td('pdfLibre') : td('pdfPdfmake')}
        </Text>
      </Group>
      <Table fz="sm" verticalSpacing={6} data-testid="draft-downloads">
        <Table.Tbody>
          {files.map((p) => (
            <Table.Tr key={p.key}>
              <Table.Td>{p.label}</Table.Td>
              <Table.Td w={230}>
                <Group gap="xs" wrap="nowrap">
                  <FileButton
                    url={cycleFileUrl(d.cycleId, `${p.key}.docx` as DocumentFile)}
                    label="DOCX"
                    name={`${p.key}.docx`}
                    testId={`draft-download-${p.key}.docx`}
                  />
                  <FileButton
                    url={cycleFileUrl(d.cycleId, `${p.key}.pdf` as DocumentFile)}
                    label="PDF"
                    name={`${p.key}.pdf`}
                    testId={`draft-download-${p.key}.pdf`}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>
              {td('annex')}
              <Text size="xs" c="dimmed">
                {td('annexNote')}
              </Text>
            </Table.Td>
            <Table.Td>
              <FileButton
                url={cycleFileUrl(d.cycleId, 'annex.xlsx')}
                label="XLSX"
                name="annex.xlsx"
                testId="draft-download-annex.xlsx"
              />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>
              {td('package')}
              <Text size="xs" c="dimmed">
                {td('packageNote')}
              </Text>
            </Table.Td>
            <Table.Td>
              <FileButton
                url={cycleFileUrl(d.cycleId, 'package.zip')}
                label="ZIP"
                name="package.zip"
                disabled={d.permissions.exportZip ? null : td('adminOnly')}
                testId="draft-download-package.zip"
              />
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        {d.status === 'final' ? t('exportsFinalNote') : t('exportsDraftNote')}
      </Text>
    </Card>
  );
}

/** Acceptance as a numbered version (with what still blocks it), or reopening a final report with a reason. */
function FinaliseCard({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  const action = useDraftAction(d.cycleId);
  const [confirm, setConfirm] = useState(false);
  const [reopen, setReopen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (a: 'finalise' | 'reopen') =>
    action.mutate(
      { action: a, version: d.version, reason },
      {
        onSuccess: () => {
          setConfirm(false);
          setReopen(false);
          setReason('');
          setError(null);
        },
        onError: (e) => setError(e instanceof ApiError ? e.text(lang) : String(e)),
      },
    );
  if (!(d.permissions.finalise || (d.status === 'final' && d.permissions.exportZip))) return null;
  return (
    <>
      <Card withBorder>
        <Title order={5} mb="xs">
          {t('finalTitle')}
        </Title>
        {d.status === 'draft' ? (
          <>
            <Text size="sm">{t('finalText')}</Text>
            {d.missing.length > 0 && (
              <Alert color="gray" mt="xs" p="xs" title={t('blockers').replace('{n}', String(d.missing.length))}>
                <List size="xs">
                  {d.missing.map((m) => (
                    <List.Item key={m.path}>{lang === 'vi' ? m.messageVi : m.messageEn}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Button
              mt="sm"
              size="xs"
              color="green"
              disabled={d.missing.length > 0}
              onClick={() => setConfirm(true)}
              data-testid="finalise"
            >
              {t('finalise')}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">{t('finalDone')}</Text>
            <Group mt="sm">
              <Button size="xs" variant="default" onClick={() => setReopen(true)} data-testid="reopen">
                {t('reopen')}
              </Button>
            </Group>
          </>
        )}
        {error && (
          <Text size="xs" c="red" role="alert" mt="xs">
            {error}
          </Text>
        )}
      </Card>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('finalise')}>
        <Text size="sm">{t('finaliseConfirm')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirm(false)}>
            {t('cancel')}
          </Button>
          <Button
            color="green"
            loading={action.isPending}
            onClick={() => run('finalise')}
            data-testid="finalise-confirm"
          >
            {action.isPending ? t('finalising') : t('finalise')}
          </Button>
        </Group>
      </Modal>
      <Modal opened={reopen} onClose={() => setReopen(false)} title={t('reopen')}>
        <Textarea
          label={t('reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setReopen(false)}>
            {t('cancel')}
          </Button>
          <Button disabled={!reason.trim()} loading={action.isPending} onClick={() => run('reopen')}>
            {t('reopen')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** The accepted versions with their letter, author and files (each with its size and SHA-256). */
function VersionsCard({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { lang } = useI18n();
  return (
    <Card withBorder padding={0}>
      <Title order={5} p="md" pb="xs">
        {t('versions')}
      </Title>
      {d.versions.length === 0 ? (
        <Text size="sm" c="dimmed" px="md" pb="md">
          {t('noVersions')}
        </Text>
      ) : (
        <Table fz="sm" striped data-testid="draft-versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('versionNo')}</Table.Th>
              <Table.Th>{t('versionLetter')}</Table.Th>
              <Table.Th>{t('versionBy')}</Table.Th>
              <Table.Th>{t('versionFiles')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.versions.map((v) => (
              <Table.Tr key={v.number}>
                <Table.Td>{v.number}</Table.Td>
                <Table.Td>
                  {v.letterNumber} · {v.letterDate}
                  <Text size="xs" c="dimmed">
                    {v.reporters.ministries} + {v.reporters.localities}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {v.createdBy}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(v.createdAt, lang)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {v.files
                      .filter((f) => f.file !== 'package.zip' || d.permissions.exportZip)
                      .map((f) => (
                        <Tooltip
                          key={f.file}
                          label={`${f.name} · ${formatBytes(f.bytes, lang)} · SHA-256 ${f.sha256.slice(0, 12)}…`}
                        >
                          <span>
                            <FileButton
                              url={versionFileUrl(d.cycleId, v.number, f.file)}
                              label={f.file}
                              name={f.name}
                              testId={`version-${v.number}-${f.file}`}
                            />
                          </span>
                        </Tooltip>
                      ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The Exports tab: downloads, the packages prepared in the background, drafting aids, the cycle's letters, acceptance, and the versions. */
export function Exports({ d }: { d: ReportDraftResponse }) {
  return (
    <Stack gap="md">
      <DownloadsCard d={d} />
      <PackageJobCard d={d} FileButton={FileButton} />
      <AidsSwitches d={d} />
      <CycleLetters d={d} FileButton={FileButton} />
      <FinaliseCard d={d} />
      <VersionsCard d={d} />
    </Stack>
  );
}
