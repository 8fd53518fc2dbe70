import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { OrganisationKind } from '@regionlink/shared';
import { useState } from 'react';
import { type DictKey, useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { type AdminOrg, useAdminActions, useAdminOrganisations } from './admin-api';
import { AdminLayout } from './AdminLayout';
import { DICT } from './i18n';

const KINDS: OrganisationKind[] = ['ministry', 'agency', 'province', 'council', 'other'];

/** Organisations (MoF): add, rename, deactivate (never delete: history keeps their name). */
export function OrganisationsPage() {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const orgs = useAdminOrganisations();
  const actions = useAdminActions();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<AdminOrg | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e));
  const needle = q.trim().toLowerCase();
  const rows = (orgs.data?.items ?? []).filter(
    (o) => !needle || `${o.code} ${o.nameVi} ${o.nameEn}`.toLowerCase().includes(needle),
  );
  return (
    <AdminLayout>
      <Group align="end">
        <TextInput
          label={t('search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
        <Button onClick={() => setEditing('new')} data-testid="add-organisation">
          {t('addOrganisation')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {orgs.isLoading ? (
        <Loader />
      ) : (
        <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
          <Table striped fz="sm" miw={720} data-testid="organisations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('codeLabel')}</Table.Th>
                <Table.Th>{t('nameVi')}</Table.Th>
                <Table.Th>{t('kind')}</Table.Th>
                <Table.Th>{t('accounts')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id} data-testid={`org-${o.code}`}>
                  <Table.Td>{o.code}</Table.Td>
                  <Table.Td>{pick(o.nameVi, o.nameEn)}</Table.Td>
                  <Table.Td>{t(`kind_${o.kind}` as keyof typeof DICT)}</Table.Td>
                  <Table.Td>{o.users}</Table.Td>
                  <Table.Td>
                    {o.disabledAt ? (
                      <Badge color="gray">{t('statusDisabled')}</Badge>
                    ) : (
                      <Badge color="green">{t('statusActive')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setEditing(o)}>
                        {t('edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color={o.disabledAt ? undefined : 'red'}
                        onClick={() =>
                          actions.setOrgActive.mutate({ org: o, active: !!o.disabledAt }, { onError: fail })
                        }
                      >
                        {o.disabledAt ? t('reactivate') : t('deactivate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={<Text fw={600}>{editing === 'new' ? t('addOrganisation') : t('edit')}</Text>}
      >
        {editing !== null && <OrgForm org={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </AdminLayout>
  );
}

function OrgForm({ org, onClose }: { org: AdminOrg | null; onClose: () => void }) {
  const t = useDict(DICT);
  const { lang } = useI18n();
  const actions = useAdminActions();
  const [code, setCode] = useState(org?.code ?? '');
  const [kind, setKind] = useState<string>(org?.kind ?? 'other');
  const [nameVi, setNameVi] = useState(org?.nameVi ?? '');
  const [nameEn, setNameEn] = useState(org?.nameEn ?? '');
  const [provinceCode, setProvinceCode] = useState(org?.provinceCode ?? '');
  const [regionCode, setRegionCode] = useState(org?.regionCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const body = { kind, nameVi, nameEn, provinceCode: provinceCode || null, regionCode: regionCode || null };
  const onError = (e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (org) actions.updateOrg.mutate({ org, patch: body }, { onSuccess: onClose, onError });
        else actions.createOrg.mutate({ code, ...body }, { onSuccess: onClose, onError });
      }}
    >
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('codeLabel')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
          disabled={!!org}
          required
        />
        <Select
          label={t('kind')}
          data={KINDS.map((k) => ({ value: k, label: t(`kind_${k}` as DictKey as keyof typeof DICT) }))}
          value={kind}
          onChange={(v) => setKind(v ?? 'other')}
        />
        <TextInput label={t('nameVi')} value={nameVi} onChange={(e) => setNameVi(e.currentTarget.value)} required />
        <TextInput label={t('nameEn')} value={nameEn} onChange={(e) => setNameEn(e.currentTarget.value)} required />
        <Group grow>
          <TextInput
            label={t('provinceCode')}
            value={provinceCode}
            onChange={(e) => setProvinceCode(e.currentTarget.value)}
          />
          <TextInput
            label={t('regionCode')}
            value={regionCode}
            onChange={(e) => setRegionCode(e.currentTarget.value.toUpperCase())}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={actions.createOrg.isPending || actions.updateOrg.isPending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
