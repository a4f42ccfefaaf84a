import Foundation
import XCTest
import TimelineModel
@testable import Interchange

/// Seeded mutation fuzzing of every reader (through the `fuzzOne` entry points a libFuzzer
/// target can call): corpus files and our own exports, mutated by byte flips, truncation,
/// line duplication and deletion, digit changes, huge numbers and deep nesting. No input may
/// trap, and none may take long (readers bound recursion and number sizes).
final class FuzzTests: XCTestCase {
    struct Mutator {
        var rng: SeededGenerator

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        mutating func mutate(_ input: [UInt8]) -> [UInt8] {
            var bytes = input
            for _ in 0..<int(1...4) {
                let position = bytes.isEmpty ? 0 : int(0...(bytes.count - 1))
                switch int(0...9) {
                case 0 where !bytes.isEmpty: bytes[position] = UInt8(int(0...255))
                case 1: bytes = Array(bytes.prefix(position))
                case 2, 3:
                    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                    guard !lines.isEmpty else { break }
                    let i = int(0...(lines.count - 1))
                    if int(0...1) == 0 { lines.insert(contentsOf: Array(repeating: lines[i], count: int(1...20)), at: i) } else { lines.remove(at: i) }
                    bytes = Array(lines.joined(separator: [0x0A]))
                case 4:
                    let digits = bytes.indices.filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
                    for _ in 0..<int(1...8) where !digits.isEmpty { bytes[digits[int(0...(digits.count - 1))]] = UInt8(0x30 + int(0...9)) }
                case 5:
                    let huge = ["9999999999999999999999", "-9223372036854775808", "1e308", "-0", "4294967296", "170141183460469231731687303715884105728"][int(0...5)]
                    bytes.insert(contentsOf: Array(huge.utf8), at: position)
                case 6:
                    let depth = int(100...3000) // past the JSON reader's 200-level limit
                    let open = int(0...1) == 0 ? Array("[".utf8) : Array("{\"children\": ".utf8)
                    var nest: [UInt8] = []
                    for _ in 0..<depth { nest += open }
                    bytes.insert(contentsOf: nest, at: position)
                case 7:
                    bytes.insert(contentsOf: (0..<int(1...30)).map { _ in UInt8(int(0...127)) }, at: position)
                case 8:
                    // Swap two lines.
                    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                    guard lines.count > 1 else { break }
                    lines.swapAt(int(0...(lines.count - 1)), int(0...(lines.count - 1)))
                    bytes = Array(lines.joined(separator: [0x0A]))
                default:
                    // A timecode or SRT time with out-of-range fields.
                    bytes.insert(contentsOf: Array(["99:99:99:99", "00:00:00;99", "-1:00:00:00", "99:59:59,999 --> 00:00:00,000", "001  X V D 999 "][int(0...4)].utf8), at: position)
                }
            }
            return bytes
        }
    }

    /// A window of whole lines, so that one mutated input stays small even from a 14,000-line list.
    static func window(_ data: Data, lines: Int, rng: inout SeededGenerator) -> [UInt8] {
        let all = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false)
        guard all.count > lines else { return [UInt8](data) }
        let start = Int.random(in: 0...(all.count - lines), using: &rng)
        return Array(all[start..<(start + lines)].joined(separator: [0x0A]))
    }

    func run(_ name: String, seeds: [Data], count: Int, windowLines: Int?, seed: UInt64, target: (Data) -> Void) -> (inputs: Int, slowest: Double) {
        var mutator = Mutator(rng: SeededGenerator(seed: seed))
        var slowest = 0.0
        for i in 0..<count {
            let base = seeds[i % seeds.count]
            let start = windowLines.map { FuzzTests.window(base, lines: $0, rng: &mutator.rng) } ?? [UInt8](base)
            let input = Data(mutator.mutate(start))
            let t0 = Date()
            target(input)
            slowest = max(slowest, Date().timeIntervalSince(t0))
        }
        XCTAssertLessThan(slowest, 2.0, "\(name): one input took \(slowest) s")
        return (count, slowest)
    }

    func testMutatedInputsNeverTrapOrHang() throws {
        let t0 = Date()
        var otioSeeds = Corpus.otioFiles.compactMap { try? Data(contentsOf: $0) }.filter { $0.count < 200_000 }
        otioSeeds.append(OTIO.write(Fixtures.project(rate: .fps29_97, dropFrame: true), projectFolder: nil))
        var edlSeeds = Corpus.edlFiles.compactMap { try? Data(contentsOf: $0) }
        edlSeeds.append(Data(CMX3600.write(EDLTests.edlProject(rate: .fps25, dropFrame: false), videoTrack: nil).utf8))
        edlSeeds.append(Data(CMX3600.write(EDLTests.edlProject(rate: .fps29_97, dropFrame: true), videoTrack: nil).utf8))
        let srtText = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:02,020 --> 00:00:04,000\r\nSecond\r\nline\r\n3\r\n00:00:03,500 --> 00:00:05,000\r\nThird\r\n"
        let srtSeeds = [Data(srtText.utf8)]

        let projectSeeds = [ProjectFile.encode(Fixtures.project(rate: .fps29_97, dropFrame: true), saveID: "fuzz", folder: nil),
                            ProjectFile.encode(Fixtures.project(rate: .fps25, dropFrame: false), saveID: nil, folder: nil)]

        // The suite runs a short pass; TERMCUT_FUZZ_SCALE=40 runs over 100,000 inputs (README).
        let scale = max(1, Int(ProcessInfo.processInfo.environment["TERMCUT_FUZZ_SCALE"] ?? "1") ?? 1)
        let otio = run("OTIO", seeds: otioSeeds, count: 900 * scale, windowLines: nil, seed: 1, target: OTIO.fuzzOne)
        let edl = run("CMX3600", seeds: edlSeeds, count: 900 * scale, windowLines: 60, seed: 2, target: CMX3600.fuzzOne)
        let srt = run("SRT", seeds: srtSeeds, count: 600 * scale, windowLines: nil, seed: 3, target: SRT.fuzzOne)
        let project = run("project", seeds: projectSeeds, count: 300 * scale, windowLines: nil, seed: 5, target: ProjectFile.fuzzOne)
        // Each reader also gets the other formats' inputs.
        let cross = run("cross", seeds: otioSeeds + edlSeeds + srtSeeds + projectSeeds, count: 150 * scale, windowLines: 80, seed: 4) { data in
            OTIO.fuzzOne(data); CMX3600.fuzzOne(data); SRT.fuzzOne(data); ProjectFile.fuzzOne(data)
        }
        let total = otio.inputs + edl.inputs + srt.inputs + project.inputs + cross.inputs
        print("fuzz: \(total) inputs in \(Date().timeIntervalSince(t0)) s; slowest OTIO \(otio.slowest) s, EDL \(edl.slowest) s, SRT \(srt.slowest) s, project \(project.slowest) s")
    }

    /// Specific hostile inputs that once could trap: each must come back as a problem or an error.
    func testHostileNumbersAndNesting() {
        let deep = Data((String(repeating: "[", count: 300_000)).utf8)
        XCTAssertThrowsError(try OTIO.read(deep, name: "deep.otio"))
        let hugeRate = Data(#"{"OTIO_SCHEMA":"Timeline.1","global_start_time":{"OTIO_SCHEMA":"RationalTime.1","rate":1e300,"value":1e300},"tracks":{"OTIO_SCHEMA":"Stack.1","children":[{"OTIO_SCHEMA":"Track.1","children":[{"OTIO_SCHEMA":"Gap.1","source_range":{"OTIO_SCHEMA":"TimeRange.1","start_time":{"OTIO_SCHEMA":"RationalTime.1","rate":0.000001,"value":1},"duration":{"OTIO_SCHEMA":"RationalTime.1","rate":1e-300,"value":9999999999999999999999}}}]}]}}"#.utf8)
        XCTAssertNoThrow(try OTIO.read(hugeRate, name: "huge.otio"))
        let edl = "001  AX V C 99:59:59:29 00:00:00:00 00:00:00:00 99:59:59:29\n002  AX V D 999999 00:00:00:00 00:00:00:00 00:00:00:00 00:00:01:00\n"
        XCTAssertNoThrow(try CMX3600.read(edl, rate: .fps29_97, name: "h.edl"))
        XCTAssertNoThrow(try SRT.read("1\n999:59:59,999 --> 000:00:00,000\nx\n", rate: Rate(120000, 1001)))
    }
    /// Numbers at the edges in every numeric field of every format.
    static let edgeNumbers = ["0", "-1", "4611686018427387904", "-4611686018427387904", "9223372036854775807",
                              "-9223372036854775808", "9223372036854775808", "NaN", "1e308", "-1e308", "0.5",
                              "340282366920938463463374607431768211456", "1099511627777"]

    /// `text` with one number (a run of digits) replaced by each edge value, for every number in it.
    /// `perNumber` values (seeded choice) per number; TERMCUT_FUZZ_SCALE=5 or more tries them all.
    static func edgeSubstitutions(_ text: String, values: [String] = edgeNumbers, perNumber: Int, rng: inout SeededGenerator) -> [Data] {
        var out: [Data] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard (0x30...0x39).contains(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count, (0x30...0x39).contains(bytes[j]) || bytes[j] == 0x2E { j += 1 }
            let start = i > 0 && bytes[i - 1] == 0x2D ? i - 1 : i
            for v in values.shuffled(using: &rng).prefix(perNumber) { out.append(Data(bytes[..<start] + Array(v.utf8) + bytes[j...])) }
            i = j
        }
        return out
    }

    func testEdgeNumbersInEveryNumericFieldNeverTrap() {
        let project = String(decoding: ProjectFile.encode(Fixtures.project(rate: .fps29_97, dropFrame: true), saveID: "fuzz", folder: nil), as: UTF8.self)
        let otio = String(decoding: OTIO.write(Fixtures.project(rate: .fps25, dropFrame: false), projectFolder: nil), as: UTF8.self)
        let edl = CMX3600.write(EDLTests.edlProject(rate: .fps29_97, dropFrame: true), videoTrack: nil)
        let srt = "1\n00:00:01,000 --> 00:00:02,500\nHello\n\n2\n00:00:02,020 --> 00:00:04,000\nSecond\n"
        let scale = max(1, Int(ProcessInfo.processInfo.environment["TERMCUT_FUZZ_SCALE"] ?? "1") ?? 1)
        var rng = SeededGenerator(seed: 13)
        var inputs = 0
        let t0 = Date()
        for data in Self.edgeSubstitutions(project, perNumber: Self.edgeNumbers.count, rng: &rng) { ProjectFile.fuzzOne(data); inputs += 1 }
        let t1 = Date()
        for data in Self.edgeSubstitutions(otio, perNumber: scale, rng: &rng) { OTIO.fuzzOne(data); inputs += 1 }
        let t2 = Date()
        for data in Self.edgeSubstitutions(edl, perNumber: 2 * scale, rng: &rng) { CMX3600.fuzzOne(data); inputs += 1 }
        for data in Self.edgeSubstitutions(srt, perNumber: Self.edgeNumbers.count, rng: &rng) { SRT.fuzzOne(data); inputs += 1 }
        print("edge numbers: \(inputs) inputs; project \(t1.timeIntervalSince(t0)) s, OTIO \(t2.timeIntervalSince(t1)) s, EDL+SRT \(Date().timeIntervalSince(t2)) s")
        XCTAssertGreaterThan(inputs, 300, "every numeric field of each format gets edge values")
    }
}
