import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  Loader,
  Menu,
  Modal,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { AdminUser, Organisation, Role } from '@regionlink/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type DictKey, useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useNarrow } from '../../lib/use-narrow';
import { type LinkSent, useAdminActions, useAdminUsers } from './admin-api';
import { AdminLayout } from './AdminLayout';
import { useMe } from './api';
import { DICT } from './i18n';

const ROLES: Role[] = ['admin', 'reporter', 'council', 'viewer'];

/** Accounts: search, invite, edit, deactivate, send links (MoF everywhere; a delegated officer in their organisation). */
export function UsersPage() {
  const t = useDict(DICT);
  const { t: tt, pick, lang } = useI18n();
  const me = useMe();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<string>('active');
  const users = useAdminUsers({ q: q.trim() || undefined, role: role ?? undefined, status });
  const actions = useAdminActions();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [sent, setSent] = useState<LinkSent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e));
  const roles = me.data?.role === 'admin' ? ROLES : ROLES.filter((r) => r !== 'admin');
  const roleName = (r: string) => tt(`role_${r}` as DictKey);
  const narrow = useNarrow('48em');

  return (
    <AdminLayout>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('search')}
          placeholder={t('searchUsers')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
          data-testid="user-search"
        />
        <Select
          label={tt('role')}
          placeholder={t('allRoles')}
          clearable
          data={ROLES.map((r) => ({ value: r, label: roleName(r) }))}
          value={role}
          onChange={setRole}
          w={{ base: '100%', sm: 220 }}
        />
        <Select
          label={t('status')}
          data={[
            { value: 'active', label: t('statusActive') },
            { value: 'disabled', label: t('statusDisabled') },
            { value: 'all', label: t('statusAll') },
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? 'all')}
          w={{ base: '100%', sm: 180 }}
        />
        <Button onClick={() => setInviting(true)} data-testid="invite-user">
          {t('invite')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {sent && <LinkNotice sent={sent} onClose={() => setSent(null)} />}
      {users.isLoading ? (
        <Loader />
      ) : narrow ? (
        <Stack gap="xs" data-testid="users-table">
          {(users.data?.items ?? []).map((u) => (
            <Card key={u.id} withBorder padding="sm" data-testid={`user-${u.username}`}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {u.displayName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.username} · {roleName(u.role)}
                  </Text>
                  <Text size="xs">{pick(u.organisation.nameVi, u.organisation.nameEn)}</Text>
                  <StatusBadges u={u} />
                </Stack>
                <UserActions u={u} onEdit={setEditing} onSent={setSent} onError={fail} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
          <Table striped highlightOnHover fz="sm" miw={860} data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{tt('name')}</Table.Th>
                <Table.Th>{tt('organisation')}</Table.Th>
                <Table.Th>{tt('role')}</Table.Th>
                <Table.Th>{t('status')}</Table.Th>
                <Table.Th>{t('lastLogin')}</Table.Th>
                <Table.Th>{t('actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => (
                <Table.Tr key={u.id} data-testid={`user-${u.username}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.username} · {u.email ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{pick(u.organisation.nameVi, u.organisation.nameEn)}</Table.Td>
                  <Table.Td>{roleName(u.role)}</Table.Td>
                  <Table.Td>
                    <StatusBadges u={u} />
                  </Table.Td>
                  <Table.Td>{u.lastLoginAt ? formatDate(u.lastLoginAt.slice(0, 10)) : t('never')}</Table.Td>
                  <Table.Td>
                    <UserActions u={u} onEdit={setEditing} onSent={setSent} onError={fail} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <UserForm
        opened={inviting || editing !== null}
        user={editing}
        roles={roles}
        canDelegate={me.data?.role === 'admin'}
        fixedOrganisation={me.data?.role === 'admin' ? null : (me.data?.organisation ?? null)}
        onClose={() => {
          setInviting(false);
          setEditing(null);
        }}
        onInvited={setSent}
      />
    </AdminLayout>
  );
}

/** The actions on one account: edit, send a link, unlock, deactivate or reactivate. */
function UserActions(props: {
  u: AdminUser;
  onEdit: (u: AdminUser) => void;
  onSent: (s: LinkSent) => void;
  onError: (e: unknown) => void;
}) {
  const { u, onEdit, onSent, onError } = props;
  const t = useDict(DICT);
  const actions = useAdminActions();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="light" data-testid={`actions-${u.username}`}>
          {t('actions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onEdit(u)}>{t('edit')}</Menu.Item>
        {!u.disabledAt && (
          <Menu.Item
            onClick={() =>
              actions.link.mutate(
                { user: u, purpose: u.passwordSet ? 'reset' : 'invite' },
                { onSuccess: onSent, onError },
              )
            }
          >
            {u.passwordSet ? t('resetLink') : t('resendInvite')}
          </Menu.Item>
        )}
        {u.locked && <Menu.Item onClick={() => actions.unlock.mutate(u, { onError })}>{t('unlock')}</Menu.Item>}
        <Menu.Item
          color={u.disabledAt ? undefined : 'red'}
          data-testid={`toggle-${u.username}`}
          onClick={() => {
            if (!u.disabledAt && !window.confirm(t('confirmDeactivate').replace('{name}', u.displayName))) return;
            actions.setActive.mutate({ user: u, active: !!u.disabledAt }, { onError });
          }}
        >
          {u.disabledAt ? t('reactivate') : t('deactivate')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The state of an account as badges: active or deactivated, no password yet, locked, two-factor. */
function StatusBadges({ u }: { u: AdminUser }) {
  const t = useDict(DICT);
  const b = (color: string, label: string) => (
    <Badge color={color} variant="light" tt="none" style={{ overflow: 'visible' }}>
      {label}
    </Badge>
  );
  return (
    <Group gap={4}>
      {u.disabledAt ? b('gray', t('statusDisabled')) : b('green', t('statusActive'))}
      {!u.passwordSet && b('yellow', t('passwordNotSet'))}
      {u.locked && b('red', t('locked'))}
      {u.totpEnabled && b('blue', '2FA')}
    </Group>
  );
}

/** Where the one-time link went; without a mail server, the link itself for the administrator to hand over. */
function LinkNotice({ sent, onClose }: { sent: LinkSent; onClose: () => void }) {
  const t = useDict(DICT);
  const until = new Date(sent.expiresAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <Alert color="green" withCloseButton onClose={onClose} data-testid="link-sent">
      <Text size="sm">
        {t('linkQueued')
          .replace('{email}', sent.user.email ?? '')
          .replace('{until}', until)}
      </Text>
      {sent.link && (
        <Stack gap={4} mt="xs">
          <Text size="sm">{t('linkNoMail')}</Text>
          <Code block data-testid="one-time-link" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {sent.link}
          </Code>
        </Stack>
      )}
    </Alert>
  );
}

/** Create (invite) or edit an account. */
function UserForm(props: {
  opened: boolean;
  user: AdminUser | null;
  roles: Role[];
  canDelegate: boolean;
  fixedOrganisation: { id: number; nameVi: string; nameEn: string } | null;
  onClose: () => void;
  onInvited: (s: LinkSent) => void;
}) {
  const { user } = props;
  return (
    <Modal opened={props.opened} onClose={props.onClose} size="lg" title={<FormTitle editing={!!user} />}>
      {props.opened && <UserFormBody key={user?.id ?? 'new'} {...props} />}
    </Modal>
  );
}

function FormTitle({ editing }: { editing: boolean }) {
  const t = useDict(DICT);
  return <Text fw={600}>{editing ? t('edit') : t('inviteTitle')}</Text>;
}

function UserFormBody({
  user,
  roles,
  canDelegate,
  fixedOrganisation,
  onClose,
  onInvited,
}: Parameters<typeof UserForm>[0]) {
  const t = useDict(DICT);
  const { t: tt, pick, lang } = useI18n();
  const actions = useAdminActions();
  const orgs = useOrganisationChoices();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<string>(user?.role ?? 'reporter');
  const [org, setOrg] = useState<string | null>(
    user ? String(user.organisation.id) : fixedOrganisation ? String(fixedOrganisation.id) : null,
  );
  const [manages, setManages] = useState(user?.managesOrganisation ?? false);
  const [error, setError] = useState<string | null>(null);
  const pending = actions.create.isPending || actions.update.isPending;
  const submit = () => {
    setError(null);
    const onError = (e: unknown) => setError(e instanceof ApiError ? e.text(lang) : String(e));
    if (user)
      actions.update.mutate(
        {
          user,
          patch: {
            displayName,
            email,
            role: role as Role,
            organisationId: Number(org),
            ...(canDelegate ? { managesOrganisation: manages } : {}),
          },
        },
        { onSuccess: onClose, onError },
      );
    else
      actions.create.mutate(
        { username, displayName, email, role: role as Role, organisationId: Number(org), managesOrganisation: manages },
        {
          onSuccess: (s) => {
            onInvited(s);
            onClose();
          },
          onError,
        },
      );
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack>
        {!user && (
          <Text size="sm" c="dimmed">
            {t('inviteNote')}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {!user && (
          <TextInput
            label={tt('username')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            data-testid="form-username"
          />
        )}
        <TextInput
          label={t('displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          data-testid="form-name"
        />
        <TextInput
          label={t('email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-testid="form-email"
        />
        <Select
          label={tt('role')}
          data={roles.map((r) => ({ value: r, label: tt(`role_${r}` as DictKey) }))}
          value={role}
          onChange={(v) => setRole(v ?? 'reporter')}
          data-testid="form-role"
        />
        {fixedOrganisation ? (
          <TextInput
            label={tt('organisation')}
            value={pick(fixedOrganisation.nameVi, fixedOrganisation.nameEn)}
            readOnly
          />
        ) : (
          <Select
            label={tt('organisation')}
            searchable
            required
            data={orgs.map((o) => ({ value: String(o.id), label: pick(o.nameVi, o.nameEn) }))}
            value={org}
            onChange={setOrg}
            data-testid="form-organisation"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {canDelegate && (
          <Checkbox
            label={t('managesOrganisation')}
            checked={manages}
            onChange={(e) => setManages(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button type="submit" loading={pending} data-testid="form-submit">
            {user ? t('save') : t('create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Organisations to choose from (the public directory). */
function useOrganisationChoices(): Organisation[] {
  const q = useQuery({
    queryKey: ['organisations'],
    queryFn: () => apiFetch<{ items: Organisation[] }>('/api/v1/organisations'),
    staleTime: 300_000,
  });
  return q.data?.items ?? [];
}
