/**
 * An SMTP server small enough to read: EHLO, MAIL, RCPT, DATA, QUIT, on a free local port. It
 * takes `delayMs` to accept each message (a slow provider), refuses recipients matching
 * `reject` with 550 (a permanent failure), and with `silent` never says hello (a hung server).
 */
import { createServer, type Socket } from 'node:net';

export interface FakeSmtp {
  url: string;
  /** Messages whose DATA arrived (the send is in flight until it is accepted). */
  received: string[];
  /** Messages the server answered 250 to. */
  accepted: string[];
  close: () => Promise<void>;
}

export async function fakeSmtp(
  opts: { delayMs?: number; reject?: (rcpt: string) => boolean; silent?: boolean } = {},
): Promise<FakeSmtp> {
  const received: string[] = [];
  const accepted: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    if (opts.silent) return;
    sock.setEncoding('utf8');
    const reply = (line: string) => {
      if (!sock.destroyed) sock.write(`${line}\r\n`);
    };
    let buf = '';
    let inData = false;
    let rcpt = '';
    reply('220 fake.local ESMTP');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buf = buf.slice(end + 5);
          inData = false;
          const who = rcpt;
          received.push(who);
          setTimeout(() => {
            accepted.push(who);
            reply('250 2.0.0 queued');
          }, opts.delayMs ?? 0);
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') reply('250 fake.local');
        else if (cmd === 'MAIL') reply('250 2.1.0 OK');
        else if (cmd === 'RCPT') {
          rcpt = line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1');
          if (opts.reject?.(rcpt)) reply('550 5.1.1 Hộp thư không tồn tại');
          else reply('250 2.1.5 OK');
        } else if (cmd === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (cmd === 'QUIT') {
          reply('221 2.0.0 Bye');
          sock.end();
        } else if (cmd === 'RSET' || cmd === 'NOOP') reply('250 OK');
        else reply('502 5.5.2 Command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
