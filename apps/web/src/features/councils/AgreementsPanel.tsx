import { Badge, Button, Card, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { Agreement, AgreementStatus, BottleneckField } from '@regionlink/shared';
import { AGREEMENT_STATUS_LABELS, BOTTLENECK_FIELD_LABELS } from '@regionlink/shared';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { useUnits } from '../geo/api';
import { useAgreements, useAgreementWrites, useMe } from './api';
import { DemoBadge } from './Badges';
import { ErrorAlert } from './ErrorAlert';

/** MoF or a party province records an agreement: title, parties (today's provinces), date, duration, fields. */
function RecordForm() {
  const { pick } = useI18n();
  const units = useUnits('2025-07-01');
  const w = useAgreementWrites();
  const [titleVi, setTitle] = useState('');
  const [signedOn, setSigned] = useState('');
  const [validUntil, setUntil] = useState('');
  const [provinceCodes, setProvinces] = useState<string[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [documentRef, setDoc] = useState('');
  return (
    <Card withBorder data-testid="record-agreement">
      <Title order={5} mb="xs">
        {pick('Ghi nhận thỏa thuận hợp tác', 'Record a cooperation agreement')}
      </Title>
      <Stack gap="xs">
        <TextInput
          label={pick('Tên thỏa thuận, chương trình', 'Title')}
          value={titleVi}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <MultiSelect
          label={pick('Các tỉnh, thành phố tham gia', 'Parties')}
          data={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.nameVi }))}
          value={provinceCodes}
          onChange={setProvinces}
          searchable
        />
        <Group grow wrap="wrap">
          <TextInput
            type="date"
            label={pick('Ngày ký', 'Signed on')}
            value={signedOn}
            onChange={(e) => setSigned(e.currentTarget.value)}
            miw={150}
          />
          <TextInput
            type="date"
            label={pick('Thời hạn đến', 'Valid until')}
            value={validUntil}
            onChange={(e) => setUntil(e.currentTarget.value)}
            miw={150}
          />
        </Group>
        <MultiSelect
          label={pick('Lĩnh vực', 'Fields')}
          data={Object.entries(BOTTLENECK_FIELD_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
          value={fields}
          onChange={setFields}
        />
        <TextInput
          label={pick('Văn bản (số, ngày)', 'Document')}
          value={documentRef}
          onChange={(e) => setDoc(e.currentTarget.value)}
        />
        <ErrorAlert error={w.create.error} />
        <Group>
          <Button
            loading={w.create.isPending}
            onClick={() =>
              w.create.mutate(
                {
                  titleVi,
                  signedOn,
                  validUntil: validUntil || null,
                  provinceCodes,
                  fields: fields as BottleneckField[],
                  documentRef: documentRef || null,
                },
                {
                  onSuccess: () => {
                    setTitle('');
                    setProvinces([]);
                  },
                },
              )
            }
          >
            {pick('Ghi nhận', 'Record')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function StatusCell({ a, canEdit }: { a: Agreement; canEdit: boolean }) {
  const { pick } = useI18n();
  const w = useAgreementWrites();
  const label = AGREEMENT_STATUS_LABELS[a.status];
  if (!canEdit)
    return (
      <Badge
        size="sm"
        variant="light"
        tt="none"
        color={a.inForce ? 'green' : 'gray'}
        styles={{ root: { height: 'auto' }, label: { whiteSpace: 'normal' } }}
      >
        {pick(label.vi, label.en)}
      </Badge>
    );
  return (
    <Select
      size="xs"
      value={a.status}
      aria-label={pick('Tình hình thực hiện', 'Implementation status')}
      onChange={(v) => v && w.update.mutate({ a, patch: { status: v as AgreementStatus } })}
      data={Object.entries(AGREEMENT_STATUS_LABELS).map(([k, l]) => ({ value: k, label: pick(l.vi, l.en) }))}
      w={190}
    />
  );
}

/** The register of cooperation agreements of a region or province, with CSV export; editors record and update. */
export function AgreementsPanel({ scope }: { scope: { region?: string; province?: string } }) {
  const { pick } = useI18n();
  const qs = new URLSearchParams(scope as Record<string, string>).toString();
  const list = useAgreements(qs);
  const me = useMe();
  const u = me.data;
  const canEdit = (a: Agreement) =>
    !!u &&
    (u.role === 'admin' ||
      (u.role === 'reporter' && a.parties.some((p) => p.todayCode === u.organisation.provinceCode)));
  const canRecord = !!u && (u.role === 'admin' || (u.role === 'reporter' && u.organisation.kind === 'province'));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={4}>
          {pick('Thỏa thuận hợp tác giữa các địa phương', 'Cooperation agreements between provinces')}
        </Title>
        <Button component="a" href={`/api/v1/cooperation-agreements?${qs}&format=csv`} variant="light" size="xs">
          {pick('Tải CSV', 'Download CSV')}
        </Button>
      </Group>
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={860}>
          <Table striped fz="sm" data-testid="agreements-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pick('Thỏa thuận', 'Agreement')}</Table.Th>
                <Table.Th>{pick('Các bên', 'Parties')}</Table.Th>
                <Table.Th>{pick('Ngày ký – thời hạn', 'Signed – until')}</Table.Th>
                <Table.Th>{pick('Lĩnh vực', 'Fields')}</Table.Th>
                <Table.Th>{pick('Tình hình thực hiện', 'Implementation')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data?.items ?? []).map((a) => (
                <Table.Tr key={a.id} data-in-force={a.inForce}>
                  <Table.Td>
                    {/* what the parties registered: title, reference and notes are user content, in Vietnamese */}
                    <span lang="vi">{a.titleVi}</span>
                    <DemoBadge show={a.isDemo} />
                    {a.documentRef && (
                      <Text size="xs" c="dimmed" lang="vi">
                        {a.documentRef}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.parties
                      .map((p) =>
                        p.nameVi === p.todayNameVi ? p.nameVi : `${p.nameVi} (${pick('nay', 'now')} ${p.todayNameVi})`,
                      )
                      .join(', ')}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(a.signedOn)} –{' '}
                    {a.validUntil ? formatDate(a.validUntil) : pick('không thời hạn', 'open-ended')}
                  </Table.Td>
                  <Table.Td>
                    {a.fields.map((f) => pick(BOTTLENECK_FIELD_LABELS[f].vi, BOTTLENECK_FIELD_LABELS[f].en)).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    <StatusCell a={a} canEdit={canEdit(a)} />
                    {a.implementationNote && (
                      <Text size="xs" c="dimmed" lineClamp={2} lang="vi">
                        {a.implementationNote}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {canRecord && <RecordForm />}
    </Stack>
  );
}
