import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/engine';
import { DEMO } from '../../../test/demo';
import { createTestApp, type TestApp } from '../../../test/helpers';
import { addDays } from './demo-dates';
import { processOutbox, runReminders, smtpSender } from './notifications.service';

/** A minimal SMTP server on loopback that accepts every message: a real SMTP conversation, no mock of our code. */
function smtpSink(): Promise<{ port: number; messages: { to: string[]; data: string }[]; close: () => Promise<void> }> {
  const messages: { to: string[]; data: string }[] = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let inData = false;
    let to: string[] = [];
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push({ to, data: buf.slice(0, end) });
          buf = buf.slice(end + 5);
          inData = false;
          to = [];
          sock.write('250 2.0.0 queued\r\n');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (cmd === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          sock.write('250 2.1.5 ok\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          sock.end('221 bye\r\n');
          return;
        } else sock.write('250 ok\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        messages,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`e-mail outbox over SMTP (${TEST_ENGINE})`, () => {
  it('keeps e-mails when the mail server is down, with the error, and sends them when it is up', async () => {
    // Two days after the demo cycle's deadline: every organisation that has not reported is reminded.
    const created = await runReminders(t.database.db, addDays(DEMO.deadline, 2));
    expect(created.emails).toBe(created.notifications);
    expect(created.emails).toBeGreaterThan(30);

    // A closed port: every message stays in the outbox with its error and a later retry time.
    const closed = await smtpSink();
    const deadPort = closed.port;
    await closed.close();
    const fail = await processOutbox(t.database.db, smtpSender(`smtp://127.0.0.1:${deadPort}`)!, 5);
    expect(fail).toEqual({ sent: 0, failed: 5 });
    const failed = await t.database.query<{ attempts: number; last_error: string; status: string }>(
      `select attempts, last_error, status from email_outbox where attempts > 0`,
    );
    expect(failed).toHaveLength(5);
    expect(
      failed.every((r) => r.status === 'pending' && r.attempts === 1 && /ECONNREFUSED|connect/i.test(r.last_error)),
    ).toBe(true);

    const sink = await smtpSink();
    try {
      const ok = await processOutbox(
        t.database.db,
        smtpSender(`smtp://127.0.0.1:${sink.port}`, 'RegionLink <no-reply@regionlink.invalid>')!,
        100,
      );
      // The five failed ones wait for their retry time; the rest go now.
      expect(ok.sent).toBe(created.emails - 5);
      expect(ok.failed).toBe(0);
      expect(sink.messages).toHaveLength(ok.sent);
      expect(sink.messages.every((m) => m.to.length === 1 && m.to[0].endsWith('@regionlink.invalid'))).toBe(true);
      expect(sink.messages[0].data).toMatch(/Subject: .*RegionLink|Subject: =\?UTF-8\?/);
      const sent = await t.database.query<{ n: number }>(
        `select count(*)::int n from email_outbox where status = 'sent' and sent_at is not null`,
      );
      expect(sent[0].n).toBe(ok.sent);
      // Nothing is sent twice.
      expect(await processOutbox(t.database.db, smtpSender(`smtp://127.0.0.1:${sink.port}`)!, 100)).toEqual({
        sent: 0,
        failed: 0,
      });
    } finally {
      await sink.close();
    }
  });

  it('sends nothing when SMTP is not configured', () => {
    expect(smtpSender(undefined)).toBeNull();
  });
});
