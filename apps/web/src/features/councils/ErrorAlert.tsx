import { Alert } from '@mantine/core';
import { useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';

/** The server's message in the user's language, with the field errors; a 412 says someone else saved first. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { lang, pick } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 412)
    return (
      <Alert color="orange" role="alert">
        {pick(
          'Người khác đã sửa bản ghi này sau khi bạn mở. Chưa có gì được lưu; hãy tải lại trang rồi nhập lại.',
          'Someone else changed this record after you opened it. Nothing was saved; reload and apply your change again.',
        )}
      </Alert>
    );
  const e = error instanceof ApiError ? error : null;
  return (
    <Alert color="red" role="alert">
      {e ? e.text(lang) : String(error)}
      {e?.problem?.errors?.map((x) => (
        <div key={x.path}>
          {x.path}: {lang === 'vi' ? x.messageVi : x.message}
        </div>
      ))}
    </Alert>
  );
}
