import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { DataRequest } from '@regionlink/shared';
import { useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useMe } from '../access/api';
import { useAgreements, useRequests, useSharingWrite } from './api';
import { CONTRIB } from './i18n';

const dateVi = (iso: string | null) =>
  iso ? new Date(`${iso.slice(0, 10)}T00:00:00`).toLocaleDateString('vi-VN') : '—';
const STATE_COLOUR = { in_force: 'green', expired: 'gray', upcoming: 'blue' } as const;
const REQ_COLOUR = { pending: 'orange', granted: 'green', refused: 'red', expired: 'gray' } as const;

/** Data sharing: the register of agreements and the requests made by or addressed to the caller's organisation. */
export function SharingPage() {
  const t = useDict(CONTRIB);
  const { pick } = useI18n();
  const me = useMe();
  const signedIn = !!me.data;
  const agreements = useAgreements(signedIn);
  const requests = useRequests(signedIn);
  if (!signedIn)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('sharingTitle')}
        </Title>
        <Alert>{t('signIn')}</Alert>
      </Stack>
    );
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('sharingTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('sharingIntro')}
      </Text>
      <Title order={3}>{t('agreements')}</Title>
      <Table.ScrollContainer minWidth={720}>
        <Table striped data-testid="agreements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t('parties')}</Table.Th>
              <Table.Th>{t('datasets')}</Table.Th>
              <Table.Th>{t('validity')}</Table.Th>
              <Table.Th>{t('legalBasis')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(agreements.data?.items ?? []).map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <b>{a.code}</b> — {pick(a.titleVi, a.titleEn || a.titleVi)}
                  {/* the agreement's document as the parties registered it */}
                  <Text size="xs" c="dimmed" lang="vi">
                    {a.documentRef}
                  </Text>
                </Table.Td>
                <Table.Td>{a.parties.map((p) => pick(p.nameVi, p.nameEn)).join('; ')}</Table.Td>
                <Table.Td>{a.datasets.map((d) => d.code).join(', ')}</Table.Td>
                <Table.Td>
                  {dateVi(a.validFrom)} – {dateVi(a.validTo)} <Badge color={STATE_COLOUR[a.state]}>{t(a.state)}</Badge>
                </Table.Td>
                <Table.Td lang="vi">{a.legalBasis}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3}>{t('requests')}</Title>
      <Stack gap="xs" data-testid="requests">
        {(requests.data?.items ?? []).map((r) => (
          <RequestCard key={r.id} r={r} />
        ))}
      </Stack>
      {me.data?.role !== 'viewer' && <NewRequest />}
    </Stack>
  );
}

function RequestCard({ r }: { r: DataRequest }) {
  const t = useDict(CONTRIB);
  const { lang, pick } = useI18n();
  const write = useSharingWrite();
  const [from, setFrom] = useState(r.wantedFrom);
  const [to, setTo] = useState(r.wantedTo);
  const [reason, setReason] = useState('');
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Text fw={600}>
          #{r.id} · {r.dataset.code} — {pick(r.dataset.titleVi, r.dataset.titleEn)}
        </Text>
        <Badge color={REQ_COLOUR[r.status]}>{t(r.status)}</Badge>
      </Group>
      <Text size="sm">
        {t('requester')}: {pick(r.requester.nameVi, r.requester.nameEn)} ({r.requestedBy}) · {t('wanted')}:{' '}
        {dateVi(r.wantedFrom)} – {dateVi(r.wantedTo)}
      </Text>
      <Text size="sm">
        {t('purpose')}: <span lang="vi">{r.purpose}</span>
      </Text>
      {r.grantedFrom && (
        <Text size="sm">
          {t('granted')}: {dateVi(r.grantedFrom)} – {dateVi(r.grantedTo)} ({r.decidedBy})
        </Text>
      )}
      {r.decisionReason && (
        <Text size="sm" c="red">
          {t('reason')}: <span lang="vi">{r.decisionReason}</span>
        </Text>
      )}
      {r.can.decide && (
        <Stack gap="xs" mt="xs">
          <Group>
            <TextInput label={t('from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput label={t('to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
            <Button
              mt={24}
              color="green"
              loading={write.isPending}
              onClick={() =>
                write.mutate({
                  kind: 'decide',
                  request: r,
                  body: { decision: 'grant', grantedFrom: from, grantedTo: to },
                })
              }
            >
              {t('grant')}
            </Button>
          </Group>
          <Group align="end">
            <Textarea label={t('reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize />
            <Button
              color="red"
              variant="light"
              disabled={reason.trim().length < 3}
              loading={write.isPending}
              onClick={() => write.mutate({ kind: 'decide', request: r, body: { decision: 'refuse', reason } })}
            >
              {t('refuse')}
            </Button>
          </Group>
        </Stack>
      )}
      {write.error instanceof ApiError && <Alert color="red">{write.error.text(lang)}</Alert>}
    </Card>
  );
}

function NewRequest() {
  const t = useDict(CONTRIB);
  const { lang } = useI18n();
  const write = useSharingWrite();
  const [dataset, setDataset] = useState('');
  const [purpose, setPurpose] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('newRequest')}</Title>
        <TextInput label={t('datasetCode')} value={dataset} onChange={(e) => setDataset(e.currentTarget.value)} />
        <Textarea label={t('purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} autosize />
        <Group>
          <TextInput label={t('from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label={t('to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </Group>
        <Button
          w="fit-content"
          loading={write.isPending}
          disabled={!dataset || purpose.trim().length < 5 || !from || !to}
          onClick={() =>
            write.mutate({
              kind: 'request',
              body: { dataset: dataset.trim(), purpose, wantedFrom: from, wantedTo: to },
            })
          }
        >
          {t('ask')}
        </Button>
        {write.error instanceof ApiError && <Alert color="red">{write.error.text(lang)}</Alert>}
      </Stack>
    </Card>
  );
}
