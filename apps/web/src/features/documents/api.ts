import type { DocumentFile, DocumentSamplesResponse } from '@regionlink/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../lib/api';

/** The reference packages (MoF staff only; 401/403 come back as ApiError). */
export function useDocumentSamples(enabled: boolean) {
  return useQuery({
    queryKey: ['documents', 'samples'],
    queryFn: () => apiFetch<DocumentSamplesResponse>('/api/v1/documents/samples'),
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** The URL of one file of a reference package. */
export const sampleFileUrl = (id: string, file: DocumentFile) =>
  `/api/v1/documents/samples/${encodeURIComponent(id)}/${file}`;

/**
 * Download a generated file: fetch it (so the button can say it is working while the server builds the document),
 * then hand it to the browser under the name the server chose.
 */
export function useDownload() {
  return useMutation({
    mutationFn: async (args: { url: string; fallbackName: string }) => {
      const res = await fetch(args.url, { credentials: 'same-origin' });
      if (!res.ok) {
        let problem = null;
        try {
          problem = await res.json();
        } catch {
          problem = null;
        }
        throw new ApiError(res.status, problem);
      }
      const disposition = res.headers.get('content-disposition') ?? '';
      const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
      const name = utf8 ? decodeURIComponent(utf8) : args.fallbackName;
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
      return { name, bytes: blob.size };
    },
  });
}
