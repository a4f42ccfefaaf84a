/// File names as the bytes Linux stores, carried in Swift `String`s without loss.
///
/// Linux names are bytes, not text: `caf\xE9.mov` from a Latin-1 disk is a valid name that is not
/// UTF-8. Swift and Foundation decode such bytes to U+FFFD, which names another file. termcut
/// instead maps each byte that is not part of valid UTF-8 to one reserved private-use scalar,
/// **U+10FE00 + byte** (bytes 0x80–0xFF, so U+10FE80…U+10FEFF in Supplementary Private Use
/// Area-B), and maps it back to the byte where the name meets the system (`withCString`,
/// `bytes`). Valid UTF-8 that happens to spell one of the reserved scalars has its four bytes
/// escaped the same way, so the mapping is one-to-one: every byte string has exactly one
/// `String` and comes back from it unchanged. Plain UTF-8 names are untouched.
///
/// Such a string is shown to people with `shown` (`caf\xE9.mov`) and kept in the project file as
/// the hex of its bytes beside the shown form (`hex`/`fromHex`, see `MediaReference`).
public enum PathBytes {
    /// The first reserved scalar is `base + 0x80`.
    static let base: UInt32 = 0x10FE00

    /// Whether `scalar` stands for a raw byte, and which.
    @inline(__always)
    public static func byte(of scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        return v >= base + 0x80 && v <= base + 0xFF ? UInt8(v - base) : nil
    }

    /// The name for `bytes` (no NULs expected; a NUL is kept as U+0000).
    public static func string<C: Collection>(from bytes: C) -> String where C.Element == UInt8 {
        let array = Array(bytes)
        // The common case: valid UTF-8 without any reserved scalar.
        if let plain = String(validating: array, as: UTF8.self),
           !plain.unicodeScalars.contains(where: { byte(of: $0) != nil }) {
            return plain
        }
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = array.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if byte(of: scalar) != nil {
                    for b in array[offset..<offset + encoded.count] { scalars.append(Unicode.Scalar(base + UInt32(b))!) }
                } else {
                    scalars.append(scalar)
                }
                offset += encoded.count
            case .error(let length):
                for b in array[offset..<offset + length] { scalars.append(Unicode.Scalar(base + UInt32(b))!) }
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return String(scalars)
    }

    /// The bytes `name` stands for.
    public static func bytes(_ name: String) -> [UInt8] {
        guard isRaw(name) else { return Array(name.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            if let b = byte(of: scalar) { out.append(b) } else { out.append(contentsOf: UTF8.encode(scalar)!) }
        }
        return out
    }

    /// True when `name` holds bytes that are not UTF-8 (it cannot go to Foundation as it is).
    public static func isRaw(_ name: String) -> Bool {
        name.unicodeScalars.contains { byte(of: $0) != nil }
    }

    /// Calls `body` with the NUL-terminated bytes of `name`, for open(2), stat(2), libavformat…
    public static func withCString<R>(_ name: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard isRaw(name) else { return try name.withCString(body) }
        var raw = bytes(name)
        raw.append(0)
        return try raw.withUnsafeBufferPointer { buffer in
            try buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }

    /// The name for people: each raw byte as `\xHH` (a literal backslash stays as it is).
    public static func shown(_ name: String) -> String {
        guard isRaw(name) else { return name }
        var out = ""
        for scalar in name.unicodeScalars {
            if let b = byte(of: scalar) {
                out += "\\x" + String(b, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - In the project file

    /// The bytes of `name` as lower-case hex: how the project file keeps a name with raw bytes
    /// (beside a readable `shown` form), so the JSON stays ASCII and decodes to the same bytes.
    public static func hex(_ name: String) -> String {
        bytes(name).map { String(format2: $0) }.joined()
    }

    /// The name whose bytes `hex` spells, or nil when it is not an even run of hex digits.
    public static func fromHex(_ hex: String) -> String? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]), hi << 4 | lo != 0 else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        return string(from: bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

private extension String {
    /// Two lower-case hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef".unicodeScalars)
        self.init(String.UnicodeScalarView([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]))
    }
}
