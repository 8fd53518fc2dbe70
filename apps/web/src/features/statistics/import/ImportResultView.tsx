import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import type { ImportResult } from '@regionlink/shared';
import { useDict, useI18n } from '../../../app/i18n';
import { formatNumber } from '../../../lib/format';
import { STATS } from '../i18n';

/** The outcome of a check (dry run) or of an import: counts, indicators, years, warnings and a preview of changes. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  return (
    <Alert
      color={result.dryRun ? 'blue' : 'green'}
      title={result.dryRun ? t('checkOk') : `${t('committed')} #${result.releaseNumber}`}
      data-testid="import-result"
    >
      <Stack gap="xs">
        <Text size="sm">
          {result.dataset}: {formatNumber(result.observations, lang)} {t('observations')} —{' '}
          {formatNumber(result.added, lang)} {t('added')}, {formatNumber(result.changed, lang)} {t('changed')},{' '}
          {formatNumber(result.unchanged, lang)} {t('unchanged')}; {result.indicators.join(', ')};{' '}
          {result.periods.join(', ')}
        </Text>
        {result.warnings.map((w) => (
          <Text size="xs" c="orange.8" key={w.code}>
            {lang === 'vi' ? w.messageVi : w.message}
          </Text>
        ))}
        {result.preview.length > 0 && <ImportPreview preview={result.preview} />}
      </Stack>
    </Alert>
  );
}

/** The first changed values: before and after. */
function ImportPreview({ preview }: { preview: ImportResult['preview'] }) {
  const t = useDict(STATS);
  const { lang } = useI18n();
  const num = (v: number) => formatNumber(v, lang, Number.isInteger(v) ? 0 : 2);
  return (
    <>
      <Text size="sm" fw={500}>
        {t('preview')}
      </Text>
      <Table fz="xs" striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('row')}</Table.Th>
            <Table.Th>{t('indicator')}</Table.Th>
            <Table.Th>{t('unitName')}</Table.Th>
            <Table.Th>{t('period')}</Table.Th>
            <Table.Th ta="right">{t('before')}</Table.Th>
            <Table.Th ta="right">{t('after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.slice(0, 20).map((r) => (
            <Table.Tr key={`${r.row}-${r.indicator}-${r.period}`}>
              <Table.Td>{r.row}</Table.Td>
              <Table.Td>{r.indicator}</Table.Td>
              <Table.Td>
                {r.unitCode} {r.unitName}
              </Table.Td>
              <Table.Td>{r.period}</Table.Td>
              <Table.Td ta="right">{r.before === null ? '—' : num(r.before)}</Table.Td>
              <Table.Td ta="right">
                {num(r.value)}
                {r.status !== 'final' && (
                  <Badge size="xs" ml={4} variant="light">
                    {t(r.status)}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
