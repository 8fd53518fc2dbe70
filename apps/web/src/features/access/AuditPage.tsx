import { Alert, Anchor, Button, Code, Group, Loader, ScrollArea, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { type AuditRow, auditCsvUrl, useAudit, useAuditChain } from './admin-api';
import { AdminLayout } from './AdminLayout';
import { DICT } from './i18n';

const fmt = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The audit trail (MoF): search by table, text and dates, page back in time, export CSV, see the chain's state. */
export function AuditPage() {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const [form, setForm] = useState({ table: '', q: '', from: '', to: '' });
  const [filter, setFilter] = useState<Record<string, string | undefined>>({});
  const [before, setBefore] = useState<number | undefined>(undefined);
  const audit = useAudit(filter, before);
  const chain = useAuditChain();
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  return (
    <AdminLayout>
      <Text size="sm" c="dimmed" maw={900}>
        {t('auditNote')}
      </Text>
      {chain.data && (
        <Alert color={chain.data.ok ? 'green' : 'red'} data-testid="chain-state">
          {chain.data.ok
            ? t('chainOk').replace('{rows}', chain.data.rows.toLocaleString('vi-VN'))
            : t('chainBroken')
                .replace('{seq}', String(chain.data.broken?.seq))
                .replace('{reason}', chain.data.broken?.reason ?? '')}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBefore(undefined);
          setFilter(Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')));
        }}
      >
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('table')}
            placeholder={t('tablePlaceholder')}
            value={form.table}
            onChange={set('table')}
            w={{ base: '100%', sm: 180 }}
            data-testid="audit-table"
          />
          <TextInput
            label={t('text')}
            value={form.q}
            onChange={set('q')}
            w={{ base: '100%', sm: 240 }}
            data-testid="audit-q"
          />
          <TextInput
            label={t('from')}
            type="date"
            value={form.from}
            onChange={set('from')}
            w={{ base: '48%', sm: 160 }}
          />
          <TextInput label={t('to')} type="date" value={form.to} onChange={set('to')} w={{ base: '48%', sm: 160 }} />
          <Button type="submit" data-testid="audit-search">
            {t('search')}
          </Button>
          <Anchor href={auditCsvUrl(filter)} download size="sm">
            {t('exportCsv')}
          </Anchor>
        </Group>
      </form>
      {audit.isLoading ? (
        <Loader />
      ) : (
        <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
          <Table fz="xs" striped miw={900} data-testid="audit-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('when')}</Table.Th>
                <Table.Th w={180}>{t('who')}</Table.Th>
                <Table.Th w={160}>{t('table')}</Table.Th>
                <Table.Th w={70}>{t('operation')}</Table.Th>
                <Table.Th w={110}>{t('object')}</Table.Th>
                <Table.Th>{t('change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(audit.data?.items ?? []).map((r) => (
                <AuditLine key={r.id} r={r} lang={lang} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {audit.data?.nextBefore && (
        <Group>
          <Button variant="light" onClick={() => setBefore(audit.data!.nextBefore!)}>
            {t('more')}
          </Button>
        </Group>
      )}
    </AdminLayout>
  );
}

const SOURCES = ['api', 'cli', 'job', 'server', 'system'];

/** Who or what wrote the row, in words; a source this page does not know yet is shown as its code. */
function sourceLabel(source: string, t: (k: keyof typeof DICT) => string) {
  return SOURCES.includes(source) ? t(`source_${source}` as keyof typeof DICT) : source;
}

function AuditLine({ r, lang }: { r: AuditRow; lang: 'vi' | 'en' }) {
  const t = useDict(DICT);
  const values = (o: Record<string, unknown> | null) =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('; ')
      : '';
  const change =
    r.operation === 'UPDATE'
      ? Object.keys(r.after ?? {})
          .map((k) => `${k}: ${JSON.stringify(r.before?.[k] ?? null)} → ${JSON.stringify(r.after?.[k])}`)
          .join('; ')
      : values(r.operation === 'DELETE' ? r.before : r.after);
  return (
    <Table.Tr>
      <Table.Td>{fmt(r.at)}</Table.Td>
      <Table.Td>
        {r.actorName ?? (r.source === 'api' ? (lang === 'vi' ? 'Khách' : 'Public') : t('system'))}
        <Text size="xs" c="dimmed">
          {sourceLabel(r.source, t)}
          {r.actorId ? ` · #${r.actorId}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code>{r.tableName}</Code>
      </Table.Td>
      <Table.Td>{t(`op_${r.operation}` as keyof typeof DICT)}</Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>{r.objectId}</Table.Td>
      <Table.Td>
        {/* the stored values as recorded, column names included: evidence, not prose */}
        <Text size="xs" lineClamp={3} style={{ wordBreak: 'break-word' }} title={change} data-verbatim>
          {change}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
