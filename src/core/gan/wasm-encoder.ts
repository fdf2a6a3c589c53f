/**
 * A minimal WebAssembly binary encoder: just what simd-kernels.ts needs to build its module in
 * memory at load time (no compiler at install, no binary in the repository, nothing downloaded).
 * Opcodes from the WebAssembly core specification 2.0 (the fixed-width SIMD proposal included).
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
type ValType = typeof I32 | typeof F32 | typeof V128;

/** unsigned LEB128 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** signed LEB128 (32-bit) */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const f32Bytes = (x: number) => [...new Uint8Array(new Float32Array([x]).buffer)];

/** Instructions: each returns its bytes; a function body is a flat list of them. */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n)],
  f32: (x: number) => [0x43, ...f32Bytes(x)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Mul: [0x94],
  f32Div: [0x95],
  f32Sqrt: [0x91],
  /** memarg alignment log2, offset in bytes */
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 2, ...uleb(offset)],
  v128Load: (offset = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  f32x4Splat: [0xfd, ...uleb(0x13)],
  i32x4Splat: [0xfd, ...uleb(0x11)],
  f32x4Lt: [0xfd, ...uleb(0x43)],
  f32x4Gt: [0xfd, ...uleb(0x44)],
  /** four i32 lanes, little-endian */
  v128Const: (lanes: readonly number[]) => [0xfd, ...uleb(0x0c), ...new Uint8Array(new Int32Array(lanes).buffer)],
  v128Xor: [0xfd, ...uleb(0x51)],
  /** (a & mask) | (b & ~mask) for operands a, b, mask */
  v128Bitselect: [0xfd, ...uleb(0x52)],
  f32x4Floor: [0xfd, ...uleb(0x68)],
  f32x4Nearest: [0xfd, ...uleb(0x6a)],
  i32x4Shl: [0xfd, ...uleb(0xab)],
  i32x4Add: [0xfd, ...uleb(0xae)],
  i32x4Mul: [0xfd, ...uleb(0xb5)],
  i32x4TruncSatF32x4S: [0xfd, ...uleb(0xf8)],
  v128And: [0xfd, ...uleb(0x4e)],
  v128Or: [0xfd, ...uleb(0x50)],
  /** shift each lane by an i32 operand */
  i32x4ShrU: [0xfd, ...uleb(0xad)],
  i32x4Sub: [0xfd, ...uleb(0xb1)],
  f32x4ConvertI32x4S: [0xfd, ...uleb(0xfa)],
  f32x4Neg: [0xfd, ...uleb(0xe1)],
  f32x4Min: [0xfd, ...uleb(0xe8)],
  f32x4Max: [0xfd, ...uleb(0xe9)],
  /** bulk memory: dst, src, byte count */
  memoryCopy: [0xfc, ...uleb(10), 0x00, 0x00],
  f32x4Sqrt: [0xfd, ...uleb(0xe3)],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Sub: [0xfd, ...uleb(0xe5)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  f32x4Div: [0xfd, ...uleb(0xe7)],
  /** block / loop with no result */
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
};

export interface FunctionDef {
  name: string;
  params: ValType[];
  /** extra locals after the parameters */
  locals: ValType[];
  body: number[][];
}

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
};

/**
 * A module that imports its memory as env.memory (shared or not, as the memory it will be given)
 * and exports each function under its name. Functions return nothing.
 */
export function encodeModule(functions: readonly FunctionDef[], sharedMemory: boolean): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...uleb(0)]);
  // memory limits: flag 0 = min only, 3 = shared with min and max (a shared memory needs a max)
  const limits = sharedMemory ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const imports = [[...name('env'), ...name('memory'), 0x02, ...limits]];
  const funcs = functions.map((_, i) => uleb(i));
  const exports = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]);
  const codes = functions.map((f) => {
    // locals as runs of one type
    const runs: number[][] = [];
    for (let i = 0; i < f.locals.length; ) {
      let j = i;
      while (j < f.locals.length && f.locals[j] === f.locals[i]) j++;
      runs.push([...uleb(j - i), f.locals[i]]);
      i = j;
    }
    const body = [...vec(runs), ...f.body.flat(), ...op.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(funcs)),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}

/**
 * Instantiates the module `encode` builds on `memory` (the tfjs backend's heap), once per memory
 * and module: a shared heap (the threaded build) needs a module that declares its memory shared.
 * Null where the engine has no WebAssembly SIMD, so callers keep their JS paths.
 */
export function instanceOnMemory<T>(cache: WeakMap<WebAssembly.Memory, T | null>, memory: WebAssembly.Memory, encode: (shared: boolean) => Uint8Array<ArrayBuffer>): T | null {
  if (cache.has(memory)) return cache.get(memory)!;
  let exports: T | null = null;
  try {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = encode(shared);
    if (WebAssembly.validate(bytes)) exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as T;
  } catch {
    exports = null;
  }
  cache.set(memory, exports);
  return exports;
}
