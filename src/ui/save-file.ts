/**
 * Save a file the user asked for through an object URL and a clicked link: the bytes go from the
 * page to the browser's downloads, nothing leaves the machine.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  // a link outside the document is not clicked by every browser
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started by now; a large file may still be read from the URL for a while
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function saveText(text: string, fileName: string, type: string): void {
  saveBlob(new Blob([text], { type }), fileName);
}
