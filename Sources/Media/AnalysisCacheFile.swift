import Foundation

/// The one layout of termcut's analysis caches (waveform peaks, audio levels, scene changes):
/// a magic line, the media's identity as length-prefixed JSON, Int64 header numbers, then a
/// Float32 payload, all little-endian. A cache belongs to one file's identity, so an edited or
/// replaced file never reads another's numbers; anything that does not parse is a miss.
public enum AnalysisCacheFile {
    /// Writes `numbers` then `floats` after the magic and identity, under a temporary name
    /// renamed into place, so a reader never sees half a file. Failing to cache only costs a
    /// recompute, so errors are swallowed.
    public static func write(_ url: URL, magic: [UInt8], identity: MediaFileIdentity, numbers: [Int64], floats: [Float]) {
        guard let json = try? JSONEncoder().encode(identity) else { return }
        var data = Data(magic)
        func append(_ number: Int64) { withUnsafeBytes(of: number.littleEndian) { data.append(contentsOf: $0) } }
        append(Int64(json.count))
        data.append(json)
        numbers.forEach(append)
        floats.map { $0.bitPattern.littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
        let temporary = url.appendingPathExtension("partial-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// What a cache file holds; nil from `read` when it is missing, another format, or torn.
    public struct Contents {
        public let identity: MediaFileIdentity
        public let numbers: [Int64]
        public let floats: [Float]
    }

    /// Reads a file written by `write` with `numberCount` header numbers. `floatCount` gets the
    /// header and says how many floats must follow (nil: the file is not valid).
    public static func read(_ url: URL, magic: [UInt8], numberCount: Int, floatCount: ([Int64]) -> Int?) -> Contents? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe), data.count > magic.count + 8,
              Array(data.prefix(magic.count)) == magic else { return nil }
        return data.withUnsafeBytes { raw -> Contents? in
            var offset = magic.count
            func number() -> Int64? {
                guard offset + 8 <= raw.count else { return nil }
                defer { offset += 8 }
                return Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self))
            }
            guard let length = number(), length > 0, length <= raw.count - offset,
                  let identity = try? JSONDecoder().decode(MediaFileIdentity.self, from: Data(raw[offset..<(offset + Int(length))]))
            else { return nil }
            offset += Int(length)
            var numbers: [Int64] = []
            for _ in 0..<numberCount {
                guard let n = number() else { return nil }
                numbers.append(n)
            }
            guard let count = floatCount(numbers), count >= 0, count <= (raw.count - offset) / 4,
                  offset + count * 4 == raw.count else { return nil }
            let floats = (0..<count).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * 4, as: UInt32.self)))
            }
            return Contents(identity: identity, numbers: numbers, floats: floats)
        }
    }
}
