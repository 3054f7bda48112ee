// What an exchange costs on the wire, estimated from payload sizes: the headers every layer adds
// below the application. Pure arithmetic on the published header sizes (RFC 768 UDP, RFC 791 IPv4,
// RFC 8200 IPv6, RFC 9293 TCP with the RFC 7323 timestamp option, IEEE 802.3 Ethernet). For TCP it
// is an estimate: the kernel decides the real segments (coalescing, TSO, ACKs); on loopback the MTU
// is 65,536, so a capture there shows far fewer, larger packets than an Ethernet link would carry.

export const UDP_HEADER_BYTES = 8;
export const IPV4_HEADER_BYTES = 20;
export const IPV6_HEADER_BYTES = 40;
export const IPV6_FRAGMENT_HEADER_BYTES = 8;
/** 20 bytes of TCP header + 12 of the timestamp option Linux, macOS and Windows all send. */
export const TCP_HEADER_BYTES = 32;
/** Destination + source MAC + EtherType (14) and the frame check sequence (4). */
export const ETHERNET_FRAMING_BYTES = 18;
/** Preamble + start-of-frame delimiter (8) and the inter-packet gap (12): time on the wire, no frame. */
export const ETHERNET_PREAMBLE_GAP_BYTES = 20;
/** A frame's payload is padded up to this (64-byte minimum frame). */
export const ETHERNET_MIN_PAYLOAD_BYTES = 46;
export const ETHERNET_MTU_BYTES = 1500;
/** Linux loopback's MTU: why a loopback capture shows 64 KiB packets. */
export const LOOPBACK_MTU_BYTES = 65_536;
/** The smallest MTU a setting may name: IPv6's 1280, so one setting serves both IP versions. */
export const WIRE_MTU_MIN_BYTES = 1280;
/** An IP fragment's data (all but the last) is a multiple of 8 bytes. */
const FRAGMENT_UNIT_BYTES = 8;

export type IpVersion = 4 | 6;

export interface WireOptions {
  ip: IpVersion;
  /** Link MTU: the largest IP packet one frame carries (default Ethernet's 1500). */
  mtu?: number;
}

export interface WireEstimate {
  /** Application payload bytes. */
  payloadBytes: number;
  /** IP packets (fragments count one each). */
  packets: number;
  /** Of those, packets that are IP fragments of a larger datagram (0 when none was fragmented). */
  fragments: number;
  /** Bytes of every IP packet: payload + transport + IP headers. */
  ipBytes: number;
  /** Bytes of every Ethernet frame: IP packet + 18 bytes framing + padding to 64 bytes. */
  wireBytes: number;
  /** Preamble and inter-packet gap: on the wire as time, not in any capture. */
  preambleGapBytes: number;
  /** payload ÷ wire bytes (0 when nothing was sent). */
  efficiency: number;
}

export const EMPTY_WIRE_ESTIMATE: WireEstimate = {
  payloadBytes: 0,
  packets: 0,
  fragments: 0,
  ipBytes: 0,
  wireBytes: 0,
  preambleGapBytes: 0,
  efficiency: 0,
};

function ipHeader(ip: IpVersion): number {
  return ip === 4 ? IPV4_HEADER_BYTES : IPV6_HEADER_BYTES;
}

function frameBytes(ipPacketBytes: number): number {
  return Math.max(ipPacketBytes, ETHERNET_MIN_PAYLOAD_BYTES) + ETHERNET_FRAMING_BYTES;
}

function mtuOf(opts: WireOptions): number {
  const mtu = opts.mtu ?? ETHERNET_MTU_BYTES;
  // IPv6 requires every link to carry 1280-byte packets; IPv4 68 (RFC 791).
  const floor = opts.ip === 4 ? 68 : 1280;
  if (!Number.isInteger(mtu) || mtu < floor)
    throw new RangeError(`an IPv${opts.ip} MTU is an integer of at least ${floor} bytes`);
  return mtu;
}

function finish(
  payloadBytes: number,
  packets: number,
  fragments: number,
  ipBytes: number,
  wire: number,
): WireEstimate {
  return {
    payloadBytes,
    packets,
    fragments,
    ipBytes,
    wireBytes: wire,
    preambleGapBytes: packets * ETHERNET_PREAMBLE_GAP_BYTES,
    efficiency: wire > 0 ? payloadBytes / wire : 0,
  };
}

/** One UDP datagram of `payload` bytes: one IP packet, or IP fragments when it exceeds MTU − headers. */
export function udpDatagramWire(payload: number, opts: WireOptions): WireEstimate {
  const mtu = mtuOf(opts);
  const header = ipHeader(opts.ip);
  const transport = payload + UDP_HEADER_BYTES;
  if (transport + header <= mtu) {
    const ipBytes = transport + header;
    return finish(payload, 1, 0, ipBytes, frameBytes(ipBytes));
  }
  // The UDP header travels in the first fragment only; every fragment repeats the IP header
  // (IPv6 adds its fragment extension header to each).
  const perFragmentHeader = header + (opts.ip === 6 ? IPV6_FRAGMENT_HEADER_BYTES : 0);
  const dataPerFragment = Math.floor((mtu - perFragmentHeader) / FRAGMENT_UNIT_BYTES) * FRAGMENT_UNIT_BYTES;
  const count = Math.ceil(transport / dataPerFragment);
  const lastData = transport - (count - 1) * dataPerFragment;
  const fullPacket = dataPerFragment + perFragmentHeader;
  const lastPacket = lastData + perFragmentHeader;
  const ipBytes = (count - 1) * fullPacket + lastPacket;
  const wire = (count - 1) * frameBytes(fullPacket) + frameBytes(lastPacket);
  return finish(payload, count, count, ipBytes, wire);
}

/** `count` datagrams of `size` bytes each (a stream, or a file's full chunks). */
export function udpDatagramsWire(count: number, size: number, opts: WireOptions): WireEstimate {
  if (count <= 0) return EMPTY_WIRE_ESTIMATE;
  const one = udpDatagramWire(size, opts);
  return finish(
    one.payloadBytes * count,
    one.packets * count,
    one.fragments * count,
    one.ipBytes * count,
    one.wireBytes * count,
  );
}

/** A UDP file of `bytes` payload cut into `chunk`-byte datagrams, the last one shorter. */
export function udpFileWire(bytes: number, chunk: number, opts: WireOptions): WireEstimate {
  if (bytes <= 0) return EMPTY_WIRE_ESTIMATE;
  const full = Math.floor(bytes / chunk);
  const rest = bytes - full * chunk;
  return sumWire([
    udpDatagramsWire(full, chunk, opts),
    rest > 0 ? udpDatagramWire(rest, opts) : EMPTY_WIRE_ESTIMATE,
  ]);
}

/** Maximum segment size: the MTU less the IP header and 32 bytes of TCP header with timestamps. */
export function tcpMss(opts: WireOptions): number {
  return mtuOf(opts) - ipHeader(opts.ip) - TCP_HEADER_BYTES;
}

/**
 * `bytes` of TCP payload in one direction, cut into full-MSS segments (an estimate: data segments
 * only, without the handshake, the FIN and the receiver's ACKs).
 */
export function tcpBytesWire(bytes: number, opts: WireOptions): WireEstimate {
  if (bytes <= 0) return EMPTY_WIRE_ESTIMATE;
  const mss = tcpMss(opts);
  const perSegment = ipHeader(opts.ip) + TCP_HEADER_BYTES;
  const full = Math.floor(bytes / mss);
  const rest = bytes - full * mss;
  const segments = full + (rest > 0 ? 1 : 0);
  const ipBytes = bytes + segments * perSegment;
  const wire = full * frameBytes(mss + perSegment) + (rest > 0 ? frameBytes(rest + perSegment) : 0);
  return finish(bytes, segments, 0, ipBytes, wire);
}

export function sumWire(parts: readonly WireEstimate[]): WireEstimate {
  let payload = 0;
  let packets = 0;
  let fragments = 0;
  let ip = 0;
  let wire = 0;
  for (const p of parts) {
    payload += p.payloadBytes;
    packets += p.packets;
    fragments += p.fragments;
    ip += p.ipBytes;
    wire += p.wireBytes;
  }
  return finish(payload, packets, fragments, ip, wire);
}

/** The IP version of an address as NetLab writes it ("127.0.0.1:8120", "[::1]:8120"). */
export function ipVersionOf(address: string): IpVersion {
  return address.startsWith('[') || /^[0-9a-f:]*:[0-9a-f:]*:/i.test(address) ? 6 : 4;
}

/** How the estimate is computed, in the words the summary's note shows. */
export const WIRE_ESTIMATE_NOTE =
  'Estimated on-wire bytes: UDP adds 8 bytes per datagram, IPv4 20 (IPv6 40), Ethernet 18 per frame ' +
  '(padded to 64 bytes; 20 more of preamble and gap are shown apart). A datagram over the MTU − 28 ' +
  'bytes travels as IP fragments. TCP is counted as full segments of one MSS with 32 bytes of TCP ' +
  'header (timestamps on), data only: the kernel decides the real segments, and loopback’s MTU is 65,536.';

// Per-event estimates: a few integer operations and no allocation, because every tx / rx event
// carries one (the event pipeline runs at hundreds of thousands of events a second).

/** Wire bytes of one UDP datagram of `payload` bytes; equals udpDatagramWire(...).wireBytes. */
export function udpDatagramWireBytes(payload: number, ip: IpVersion, mtu: number): number {
  const header = ip === 4 ? IPV4_HEADER_BYTES : IPV6_HEADER_BYTES;
  const transport = payload + UDP_HEADER_BYTES;
  if (transport + header <= mtu) return frameBytes(transport + header);
  const perFragmentHeader = header + (ip === 6 ? IPV6_FRAGMENT_HEADER_BYTES : 0);
  const dataPerFragment = ((mtu - perFragmentHeader) >> 3) << 3;
  const count = Math.ceil(transport / dataPerFragment);
  const lastData = transport - (count - 1) * dataPerFragment;
  return (count - 1) * frameBytes(dataPerFragment + perFragmentHeader) + frameBytes(lastData + perFragmentHeader);
}

/** IP fragments one UDP datagram of `payload` bytes travels as (0: it fits in one packet). */
export function udpDatagramFragments(payload: number, ip: IpVersion, mtu: number): number {
  const header = ip === 4 ? IPV4_HEADER_BYTES : IPV6_HEADER_BYTES;
  const transport = payload + UDP_HEADER_BYTES;
  if (transport + header <= mtu) return 0;
  const perFragmentHeader = header + (ip === 6 ? IPV6_FRAGMENT_HEADER_BYTES : 0);
  return Math.ceil(transport / (((mtu - perFragmentHeader) >> 3) << 3));
}

/** Wire bytes of the first `bytes` of a TCP direction cut into full-MSS segments (tcpBytesWire). */
export function tcpStreamWireBytes(bytes: number, ip: IpVersion, mtu: number): number {
  if (bytes <= 0) return 0;
  const perSegment = (ip === 4 ? IPV4_HEADER_BYTES : IPV6_HEADER_BYTES) + TCP_HEADER_BYTES;
  const mss = mtu - perSegment;
  const full = Math.floor(bytes / mss);
  const rest = bytes - full * mss;
  return full * frameBytes(mss + perSegment) + (rest > 0 ? frameBytes(rest + perSegment) : 0);
}

/**
 * Accumulates one exchange's on-wire estimate, one call per tx / rx. UDP: each datagram on its
 * own. TCP: the wire bytes a read or write adds to the direction's running estimate, so the
 * events' `wire` sum to the summary's `wireBytes`.
 */
export class WireTally {
  payloadBytes = 0;
  wireBytes = 0;
  fragments = 0;
  private readonly ip: IpVersion;

  constructor(
    private readonly proto: 'tcp' | 'udp',
    address: string,
    readonly mtu: number = ETHERNET_MTU_BYTES,
  ) {
    this.ip = ipVersionOf(address);
    mtuOf({ ip: this.ip, mtu });
  }

  /** Wire bytes of `bytes` more payload; counted in the totals when `count` (payload, not text). */
  add(bytes: number, count = true): number {
    let wire: number;
    if (this.proto === 'udp') {
      wire = udpDatagramWireBytes(bytes, this.ip, this.mtu);
      if (count) this.fragments += udpDatagramFragments(bytes, this.ip, this.mtu);
    } else {
      wire = count
        ? tcpStreamWireBytes(this.payloadBytes + bytes, this.ip, this.mtu) - this.wireBytes
        : tcpStreamWireBytes(bytes, this.ip, this.mtu);
    }
    if (count) {
      this.payloadBytes += bytes;
      this.wireBytes += wire;
    }
    return wire;
  }

  /** The summary's fields: `fragments` for UDP only. */
  fields(): { wireBytes: number; efficiency: number; fragments?: number; mtuBytes: number } {
    const efficiency = this.wireBytes > 0 ? Math.round((this.payloadBytes / this.wireBytes) * 1e4) / 1e4 : 0;
    const out: { wireBytes: number; efficiency: number; fragments?: number; mtuBytes: number } = {
      wireBytes: this.wireBytes,
      efficiency,
      mtuBytes: this.mtu,
    };
    if (this.proto === 'udp') out.fragments = this.fragments;
    return out;
  }
}
