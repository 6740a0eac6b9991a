// Physical lines of decoded text, fed chunk by chunk (a file never becomes one string). A line
// ends at \r\n, \n or a lone \r, whatever mix the file has; the ending is kept so that a quoted
// value spanning lines keeps its exact text.

export interface Line {
  /** 1-based line number in the file */
  no: number;
  text: string;
  /** '\n', '\r\n', '\r', or '' for a last line without an ending */
  end: string;
}

export class LineSplitter {
  private carry = '';
  private next = 1;
  /** how many lines ended with \n, \r\n and a lone \r */
  readonly endings = { lf: 0, crlf: 0, cr: 0 };

  /** The complete lines of `chunk` (with what was carried over); `last`: no more text follows. */
  push(chunk: string, last: boolean): Line[] {
    let text = this.carry + chunk;
    this.carry = '';
    if (!last) {
      // keep the unfinished last line (and a '\r' that may be the first half of '\r\n')
      const from = text.endsWith('\r') ? text.length - 2 : text.length - 1;
      const cut = from < 0 ? 0 : Math.max(text.lastIndexOf('\n', from), text.lastIndexOf('\r', from)) + 1;
      this.carry = text.slice(cut);
      text = text.slice(0, cut);
    }
    const out: Line[] = [];
    const n = text.length;
    const noCr = !text.includes('\r');
    let i = 0;
    while (i < n) {
      if (noCr) {
        const k = text.indexOf('\n', i);
        if (k < 0) {
          out.push({ no: this.next++, text: text.slice(i), end: '' });
          break;
        }
        out.push({ no: this.next++, text: text.slice(i, k), end: '\n' });
        this.endings.lf++;
        i = k + 1;
        continue;
      }
      let k = i;
      while (k < n && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
      if (k >= n) {
        out.push({ no: this.next++, text: text.slice(i), end: '' });
        break;
      }
      const crlf = text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10;
      const end = crlf ? '\r\n' : text[k]!;
      if (crlf) this.endings.crlf++;
      else if (end === '\n') this.endings.lf++;
      else this.endings.cr++;
      out.push({ no: this.next++, text: text.slice(i, k), end });
      i = k + end.length;
    }
    return out;
  }

  /** more than one kind of line ending in the file */
  get mixed(): boolean {
    const { lf, crlf, cr } = this.endings;
    return [lf, crlf, cr].filter((x) => x > 0).length > 1;
  }
}
