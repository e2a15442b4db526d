import net from 'node:net';

// The phone-network side of Kannel's fake SMSC (`smsc = fake`). Debian's kannel package does not ship the
// `fakesmsc` test program, so this speaks its protocol: bearerbox listens on the SMSC port, this connects, and
// both write lines "SENDER RECEIVER TYPE DATA\n" (gw/smsc/smsc_fake.c). TYPE is `text` (raw bytes), `data`
// (URL-encoded bytes, used by bearerbox whenever the text has a byte outside 32..126) or `udh` (URL-encoded user
// data header, then `data` and the URL-encoded data: the parts of a concatenated message).

export interface DeliveredSms {
  /** The sender as bearerbox wrote it (the sendsms `from`). */
  from: string;
  to: string;
  text: string;
  at: Date;
}

export interface FakeSmsc {
  /** Messages that reached "phones" (concatenated parts joined), in arrival order. */
  readonly delivered: DeliveredSms[];
  /** A phone sends a message: it goes to bearerbox and on to smsbox's sms-service. */
  sendFromPhone(from: string, to: string, text: string): void;
  /** Resolves when `count` messages in all have been delivered (or rejects after timeoutMs). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<DeliveredSms[]>;
  /** Called for every delivered message (benchmarks measure end-to-end delay with it). */
  onDelivered(listener: (sms: DeliveredSms) => void): void;
  close(): void;
}

function percentDecode(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '%' && i + 2 < value.length + 0 && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') bytes.push(0x20);
    else bytes.push(...Buffer.from(c ?? '', 'latin1'));
  }
  return Buffer.from(bytes);
}

/** Concatenation information element (00 03 ref total seq) or its 16-bit form (08 04 refhi reflo total seq). */
function concatInfo(udh: Buffer): { ref: number; total: number; seq: number } | undefined {
  let i = 1;
  while (i + 1 < udh.length) {
    const id = udh[i] ?? 0;
    const len = udh[i + 1] ?? 0;
    const body = udh.subarray(i + 2, i + 2 + len);
    if (id === 0x00 && len === 3) return { ref: body[0] ?? 0, total: body[1] ?? 1, seq: body[2] ?? 1 };
    if (id === 0x08 && len === 4)
      return { ref: ((body[0] ?? 0) << 8) | (body[1] ?? 0), total: body[2] ?? 1, seq: body[3] ?? 1 };
    i += 2 + len;
  }
  return undefined;
}

/** Text bytes as smsbox hands them on: UTF-8 (Kannel 1.4 keeps 7-bit text internally as UTF-8). */
function decodeText(bytes: Buffer): string {
  return bytes.toString('utf8');
}

export async function connectFakeSmsc(port: number, timeoutMs = 20_000): Promise<FakeSmsc> {
  const socket = await connectWithRetry(port, timeoutMs);
  const delivered: DeliveredSms[] = [];
  const listeners: ((sms: DeliveredSms) => void)[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const parts = new Map<string, { total: number; pieces: Map<number, Buffer> }>();
  let buffered = Buffer.alloc(0);

  function deliver(sms: DeliveredSms) {
    delivered.push(sms);
    for (const listener of listeners) listener(sms);
    for (const waiter of [...waiters])
      if (delivered.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  }

  function handleLine(line: string) {
    const [from = '', to = '', type = '', ...rest] = line.split(' ');
    const data = rest.join(' ');
    const at = new Date();
    if (type === 'text') return deliver({ from, to, text: decodeText(Buffer.from(data, 'latin1')), at });
    if (type === 'data') return deliver({ from, to, text: decodeText(percentDecode(data)), at });
    if (type !== 'udh') return;
    // Kannel 1.4.5 writes "udh UDH data DATA" (or "udh UDH text DATA"); older versions "udh UDH DATA".
    const [udhPart = '', ...dataParts] = data.split(' ');
    const kind = dataParts[0] === 'data' || dataParts[0] === 'text' ? dataParts.shift() : 'data';
    const udh = percentDecode(udhPart);
    const rawBody = dataParts.join(' ');
    const body = kind === 'text' ? Buffer.from(rawBody, 'latin1') : percentDecode(rawBody);
    const info = concatInfo(udh);
    if (!info) return deliver({ from, to, text: decodeText(body), at });
    const key = `${from}|${to}|${info.ref}`;
    const entry = parts.get(key) ?? { total: info.total, pieces: new Map<number, Buffer>() };
    entry.pieces.set(info.seq, body);
    parts.set(key, entry);
    if (entry.pieces.size < entry.total) return;
    parts.delete(key);
    const ordered = [...entry.pieces.entries()].sort((a, b) => a[0] - b[0]).map(([, piece]) => piece);
    deliver({ from, to, text: decodeText(Buffer.concat(ordered)), at });
  }

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    let newline = buffered.indexOf(0x0a);
    while (newline !== -1) {
      const line = buffered.subarray(0, newline).toString('latin1').replace(/\r$/, '');
      buffered = buffered.subarray(newline + 1);
      if (line.length > 0) handleLine(line);
      newline = buffered.indexOf(0x0a);
    }
  });
  socket.on('error', () => undefined);

  return {
    delivered,
    sendFromPhone(from, to, text) {
      // `data` carries any byte safely (UTF-8 here); `text` would cut the message at a newline.
      const encoded = [...Buffer.from(text, 'utf8')]
        .map((b) => `%${b.toString(16).padStart(2, '0')}`)
        .join('');
      socket.write(`${from} ${to} data ${encoded}\n`);
    },
    waitForDelivered(count, timeoutMs = 30_000) {
      if (delivered.length >= count) return Promise.resolve(delivered);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake SMSC: ${delivered.length}/${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(delivered);
          },
        });
      });
    },
    onDelivered(listener) {
      listeners.push(listener);
    },
    close() {
      socket.destroy();
    },
  };
}

async function connectWithRetry(port: number, timeoutMs: number): Promise<net.Socket> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port });
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
