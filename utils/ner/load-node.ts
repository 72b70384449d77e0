import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseModel, type NerModel } from './model';
import type { GazetteerData } from './gazetteer';

/** Load the shipped model from disk (CLI, tests, eval). */
export async function loadModelFromDisk(dir = 'public/ner'): Promise<NerModel> {
  const [bin, gaz] = await Promise.all([readFile(path.join(dir, 'model.bin')), readFile(path.join(dir, 'gazetteer.json'), 'utf8')]);
  return parseModel(new Uint8Array(bin.buffer, bin.byteOffset, bin.byteLength), JSON.parse(gaz) as GazetteerData);
}
