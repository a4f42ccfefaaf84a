import Foundation
import PathBytes
import TimelineModel
import XCTest

/// `PathBytes` is one-to-one: every byte string comes back from its `String` unchanged, plain
/// UTF-8 is left as it is, and what people see escapes the raw bytes.
final class PathBytesTests: XCTestCase {
    func testTheNamedCasesRoundTrip() {
        let cases: [[UInt8]] = [
            Array("caf".utf8) + [0xE9] + Array(".mov".utf8),       // Latin-1 é
            [0xFF], [0x80], [0xC0, 0x80],                          // never valid in UTF-8 / overlong NUL
            Array("t".utf8) + [0xE2, 0x82],                        // € cut short
            [0xED, 0xA0, 0x80],                                    // a UTF-16 surrogate written as UTF-8
            [0xF4, 0x8F, 0xBB, 0xA9],                              // valid UTF-8 of a reserved stand-in (U+10FEE9)
            [0xF4, 0x8F, 0xBB, 0xA9, 0xE9],
            Array("é€🎬".utf8),                                     // plain UTF-8
        ]
        for bytes in cases {
            let name = PathBytes.string(from: bytes)
            XCTAssertEqual(PathBytes.bytes(name), bytes, "\(bytes)")
            XCTAssertEqual(PathBytes.withCString(name) { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) }, bytes)
            XCTAssertEqual(PathBytes.fromHex(PathBytes.hex(name)), name)
        }
        XCTAssertEqual(PathBytes.string(from: Array("é€🎬".utf8)), "é€🎬", "plain UTF-8 is untouched")
        XCTAssertFalse(PathBytes.isRaw("é€🎬"))
        XCTAssertEqual(PathBytes.shown(PathBytes.string(from: Array("caf".utf8) + [0xE9, 0xE2, 0x82])), "caf\\xE9\\xE2\\x82")
        XCTAssertNil(PathBytes.fromHex("e"))
        XCTAssertNil(PathBytes.fromHex("zz"))
        XCTAssertNil(PathBytes.fromHex("00"), "no NUL in a name")
    }

    func testRandomByteStringsRoundTripAndDistinctBytesGiveDistinctNames() {
        let seed = UInt64(ProcessInfo.processInfo.environment["TERMCUT_SEED"] ?? "") ?? 0x5EED_B17E
        var rng = SplitMix64(seed: seed)
        var seen: [String: [UInt8]] = [:]
        for _ in 0..<20_000 {
            let count = Int(rng.next() % 12)
            // Biased towards the bytes that matter: high bytes, lead bytes, the stand-ins' own UTF-8.
            let alphabet: [UInt8] = [0x41, 0x2E, 0x80, 0xBF, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0xF4, 0x8F, 0xBA, 0xBB, 0xFF, 0xE9, 0xED]
            let bytes = (0..<count).map { _ in rng.next() % 3 == 0 ? UInt8(1 + rng.next() % 255) : alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let name = PathBytes.string(from: bytes)
            XCTAssertEqual(PathBytes.bytes(name), bytes, "seed \(seed): \(bytes)")
            if let earlier = seen[name] { XCTAssertEqual(earlier, bytes, "seed \(seed): two byte strings share a name") }
            seen[name] = bytes
            if String(validating: bytes, as: UTF8.self) == nil { XCTAssertTrue(PathBytes.isRaw(name), "seed \(seed): \(bytes)") }
        }
    }

    func testAMediaReferenceKeepsTheBytesInTheProjectFileAndOldFilesReadAsBefore() throws {
        let raw = PathBytes.string(from: Array("/m/caf".utf8) + [0xE9] + Array(".mov".utf8))
        let ref = MediaReference(id: "caf", name: "caf.mov", path: raw, duration: RationalTime(10, .fps25))
        let json = try JSONEncoder().encode(ref)
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertTrue(text.contains("2f6d2f636166e92e6d6f76"), text)
        XCTAssertTrue(text.contains(#"caf\\xE9.mov"#), text)
        XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "the stored path is ASCII")
        XCTAssertEqual(try JSONDecoder().decode(MediaReference.self, from: json).path, raw)
        // An older project: `path` alone, whatever it holds, is read as it is.
        let old = #"{"id":"a","name":"a","path":"/m/caf\\xE9.mov","duration":{"value":1,"rate":{"numerator":25,"denominator":1}}}"#
        XCTAssertEqual(try JSONDecoder().decode(MediaReference.self, from: Data(old.utf8)).path, "/m/caf\\xE9.mov")
    }
}
