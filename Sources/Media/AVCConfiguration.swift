/// H.264's decoder configuration record (`avcC`, ISO 14496-15), which MP4 and MOV hold
/// once per stream, and the two ways NAL units are framed (Annex B start codes in encoder
/// output, length prefixes in MP4 samples). Smart rendering mixes the source's packets with
/// re-encoded ones in one stream: the re-encoder's parameter sets take other ids and are
/// added to the source's record, so every packet finds its SPS/PPS in the one avcC.
enum AVCConfiguration {
    struct Record {
        var header: [UInt8]          // version, profile, compatibility, level, length size
        var sps: [[UInt8]]
        var pps: [[UInt8]]
        var trailer: [UInt8]         // the High profile extension (chroma format, bit depths)
        var lengthSize: Int { Int(header[4] & 3) + 1 }
    }

    static func parse(_ data: [UInt8]) -> Record? {
        guard data.count >= 7, data[0] == 1 else { return nil }
        var at = 6
        func sets(_ count: Int) -> [[UInt8]]? {
            var out: [[UInt8]] = []
            for _ in 0..<count {
                guard at + 2 <= data.count else { return nil }
                let length = Int(data[at]) << 8 | Int(data[at + 1])
                at += 2
                guard at + length <= data.count else { return nil }
                out.append(Array(data[at..<(at + length)]))
                at += length
            }
            return out
        }
        guard let sps = sets(Int(data[5] & 0x1F)) else { return nil }
        at = 6 + sps.reduce(0) { $0 + 2 + $1.count }
        guard at < data.count else { return nil }
        let ppsCount = Int(data[at])
        at += 1
        guard let pps = sets(ppsCount) else { return nil }
        return Record(header: Array(data[0..<5]), sps: sps, pps: pps, trailer: Array(data[at...]))
    }

    static func serialize(_ record: Record) -> [UInt8] {
        var out = record.header
        out.append(0xE0 | UInt8(record.sps.count))
        for s in record.sps { out += [UInt8(s.count >> 8), UInt8(s.count & 0xFF)] + s }
        out.append(UInt8(record.pps.count))
        for p in record.pps { out += [UInt8(p.count >> 8), UInt8(p.count & 0xFF)] + p }
        return out + record.trailer
    }

    /// NAL units of an Annex B byte stream (start codes removed).
    static func units(annexB data: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var starts: [(code: Int, payload: Int)] = []
        var i = 0
        while i + 3 <= data.count {
            if data[i] == 0, data[i + 1] == 0, data[i + 2] == 1 {
                starts.append((i > 0 && data[i - 1] == 0 ? i - 1 : i, i + 3))
                i += 3
            } else {
                i += 1
            }
        }
        return starts.indices.map { n in starts[n].payload..<(n + 1 < starts.count ? starts[n + 1].code : data.count) }
    }

    /// The same NAL units with `lengthSize`-byte big-endian length prefixes (MP4 samples).
    static func lengthPrefixed(annexB data: UnsafeBufferPointer<UInt8>, lengthSize: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        for unit in units(annexB: data) {
            let n = unit.count
            for shift in stride(from: (lengthSize - 1) * 8, through: 0, by: -8) { out.append(UInt8((n >> shift) & 0xFF)) }
            out += data[unit]
        }
        return out
    }

    /// The first unsigned Exp-Golomb number after `skipBytes` of a NAL unit's payload (after
    /// its header byte): `seq_parameter_set_id` (skip 3) of an SPS, `pic_parameter_set_id` (skip 0) of a PPS.
    static func firstID(_ unit: [UInt8], skipBytes: Int) -> Int? {
        var bit = (1 + skipBytes) * 8
        func next() -> Int? {
            guard bit / 8 < unit.count else { return nil }
            let value = Int(unit[bit / 8] >> (7 - UInt8(bit % 8))) & 1
            bit += 1
            return value
        }
        var zeros = 0
        while let b = next(), b == 0 { zeros += 1; if zeros > 31 { return nil } }
        var value = 1
        for _ in 0..<zeros { guard let b = next() else { return nil }; value = value << 1 | b }
        return value - 1
    }
}
