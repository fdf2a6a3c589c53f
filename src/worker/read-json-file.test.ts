import { describe, expect, test } from 'vitest';
import { readJsonFile } from './read-json-file';

describe('readJsonFile', () => {
  test('a JSON file is parsed', async () => {
    expect(await readJsonFile(new Blob(['{"format":"x","n":[1,2]}']), 'a SynthCredit project')).toEqual({ format: 'x', n: [1, 2] });
  });

  test('a file that is not JSON is refused with what it should have been', async () => {
    await expect(readJsonFile(new Blob(['id,amount\n1,2\n']), 'a SynthCredit GAN model')).rejects.toThrow('This file is not valid JSON, so it is not a SynthCredit GAN model.');
  });
});
