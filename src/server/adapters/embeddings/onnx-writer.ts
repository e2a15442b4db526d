// A minimal writer of ONNX models (protobuf wire format by hand): enough to build the tiny sentence-embedding
// model the tests load through the real runtime (fixtures/tiny-embedder). Field numbers follow onnx.proto
// (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, AttributeProto). Not used in production.

type Field = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function concat(parts: Field[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);
const intField = (field: number, value: number | bigint): Field =>
  Uint8Array.from([...key(field, 0), ...varint(value)]);
const bytesField = (field: number, bytes: Uint8Array): Field =>
  concat([Uint8Array.from([...key(field, 2), ...varint(bytes.length)]), bytes]);
const stringField = (field: number, value: string): Field =>
  bytesField(field, new TextEncoder().encode(value));
const message = (field: number, parts: Field[]): Field => bytesField(field, concat(parts));

export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

export interface TensorSpec {
  name: string;
  dims: number[];
  type: typeof ONNX_FLOAT | typeof ONNX_INT64;
  values: Float32Array | BigInt64Array;
}

function tensor(field: number, t: TensorSpec): Field {
  const raw = new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength);
  return message(field, [
    ...t.dims.map((d) => intField(1, d)),
    intField(2, t.type),
    stringField(8, t.name),
    bytesField(9, raw),
  ]);
}

export interface ValueSpec {
  name: string;
  type: typeof ONNX_FLOAT | typeof ONNX_INT64;
  /** A number is a fixed size, a string a named (dynamic) dimension. */
  shape: (number | string)[];
}

function valueInfo(field: number, v: ValueSpec): Field {
  const dims = v.shape.map((d) => message(1, [typeof d === 'number' ? intField(1, d) : stringField(2, d)]));
  const tensorType = message(1, [intField(1, v.type), message(2, dims)]);
  return message(field, [stringField(1, v.name), message(2, [tensorType])]);
}

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes only (all the tiny model needs). */
  attributes?: Record<string, number>;
}

function node(n: NodeSpec, index: number): Field {
  return message(1, [
    ...n.inputs.map((i) => stringField(1, i)),
    ...n.outputs.map((o) => stringField(2, o)),
    stringField(3, `${n.op.toLowerCase()}_${index}`),
    stringField(4, n.op),
    ...Object.entries(n.attributes ?? {}).map(([name, value]) =>
      message(5, [stringField(1, name), intField(3, value), intField(20, 2)]),
    ),
  ]);
}

export interface GraphSpec {
  name: string;
  nodes: NodeSpec[];
  initializers: TensorSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  opset: number;
}

/** The serialised ModelProto (IR version 8) of the graph. */
export function encodeModel(graph: GraphSpec): Uint8Array {
  const graphProto = message(7, [
    ...graph.nodes.map(node),
    stringField(2, graph.name),
    ...graph.initializers.map((t) => tensor(5, t)),
    ...graph.inputs.map((v) => valueInfo(11, v)),
    ...graph.outputs.map((v) => valueInfo(12, v)),
  ]);
  return concat([
    intField(1, 8),
    stringField(2, 'kuulo-test-fixture'),
    graphProto,
    message(8, [stringField(1, ''), intField(2, graph.opset)]),
  ]);
}
