/**
 * Reading a file that must be a regular file, never blocking: a FIFO, a
 * socket or a device named like a revision (or given to `redline diff`) is
 * refused, not read, and no file is read past a limit. The file is opened
 * without blocking and checked on the open descriptor (fstat), so that what
 * is checked is what is read, even if the name is replaced in between.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type RegularRead =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'missing' }
  | { kind: 'folder' }
  /** A FIFO, socket or device: not read. */
  | { kind: 'special' }
  /** Larger than the limit: not read past it. `size` is what fstat said, or the limit and more. */
  | { kind: 'too-large'; size: number };

const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Reads `path` if it is a regular file of at most `max` bytes. */
export function readRegularFile(path: string, max: number): RegularRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'folder' };
    // A FIFO with no writer opens fine without blocking; a socket does not open at all.
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') return { kind: 'special' };
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { kind: 'folder' };
    if (!st.isFile()) return { kind: 'special' };
    if (st.size > max) return { kind: 'too-large', size: st.size };
    // The size fstat gave, and whatever the file grew by since, but never more than max + 1 bytes.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) return { kind: 'too-large', size: total };
        const grown = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(grown, 0, 0, total);
        buf = grown;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > max) return { kind: 'too-large', size: total };
    return { kind: 'file', bytes: buf.subarray(0, total) };
  } finally {
    closeSync(fd);
  }
}
