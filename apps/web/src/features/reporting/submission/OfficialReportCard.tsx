import { Alert, Card, Group, Text, TextInput } from '@mantine/core';
import { useDict, useI18n } from '../../../app/i18n';
import { formatDate } from '../../../lib/format';
import { DateField } from '../components/DateField';
import { DICT } from '../i18n';
import type { SubmissionEditor } from './useSubmissionEditor';

/** The official document the report is sent under: its number, date and issuing body, and the server's warnings. */
export function OfficialReportCard({ ed }: { ed: SubmissionEditor }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const { server, draft, setDraft } = ed;
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm" mb={6}>
        {t('officialReport')}
      </Text>
      {ed.editable ? (
        <Group align="flex-start">
          <TextInput
            id="field-docNumber"
            label={t('docNumber')}
            placeholder="766/BC-UBND"
            value={draft.docNumber}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, docNumber: v }));
            }}
            data-testid="doc-number"
          />
          <DateField
            id="field-docDate"
            label={t('docDate')}
            value={draft.docDate}
            onChange={(iso) => setDraft((d) => ({ ...d, docDate: iso }))}
            badDateText={t('badDate')}
            testId="doc-date"
          />
          <TextInput
            label={t('reportingBody')}
            w={320}
            maw="100%"
            value={draft.reportingBodyVi}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, reportingBodyVi: v }));
            }}
          />
        </Group>
      ) : (
        <Text size="sm">
          {t('docNumber')}: <b data-testid="doc-number-view">{server.docNumber ?? '—'}</b> · {t('docDate')}:{' '}
          <b>{formatDate(server.docDate)}</b>
          {server.reportingBodyVi && ' · '}
          {/* the reporting body as the document names it: the organisation's name by language when it is that name */}
          {server.reportingBodyVi &&
            (server.reportingBodyVi === server.organisationNameVi ? (
              pick(server.organisationNameVi, server.organisationNameEn)
            ) : (
              <span lang="vi">{server.reportingBodyVi}</span>
            ))}
        </Text>
      )}
      {server.warnings.length > 0 && (
        <Alert color="yellow" mt="xs" p="xs" title={t('warnings')} data-testid="warnings">
          {server.warnings.map((w) => (
            <Text size="sm" key={w.code}>
              • {pick(w.messageVi, w.message)}
            </Text>
          ))}
        </Alert>
      )}
    </Card>
  );
}
