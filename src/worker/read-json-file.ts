/** The parsed JSON of a file the user chose; `what` names what it should be ("a SynthCredit project") in the error. */
export async function readJsonFile(file: Blob, what: string): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch {
    throw new Error(`This file is not valid JSON, so it is not ${what}.`);
  }
}
