// Hand bytes to the browser as a downloaded file: a Blob, an object URL and a click on an
// <a download> (no server: the data never leaves the machine). The URL is revoked once the
// download has started.
export function saveFile(file: { bytes: Uint8Array; fileName: string; mimeType: string }): void {
  // a copy in a plain ArrayBuffer: Blob takes no view of a shared or resizable buffer
  const blob = new Blob([file.bytes.slice().buffer as ArrayBuffer], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // revoking at once can cancel the download in some browsers: give it time to start
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
