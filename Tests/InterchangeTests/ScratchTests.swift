import Foundation
import XCTest
import TimelineModel
@testable import Interchange

final class ScratchTests: XCTestCase {
    func testPrintEDLDiffs() throws {
        for file in Corpus.edlFiles {
            let data = try Data(contentsOf: file)
            let r = try CMX3600.read(data, rate: nil, name: file.lastPathComponent)
            let rate = r.project.timeline.rate
            let dump = try ReferenceOTIO.dump(file, adapter: "cmx_3600", rate: rate)
            print("=== \(file.lastPathComponent) rate \(rate) problems \(r.problems.count) otio \(dump.mode ?? dump.error ?? "")")
            for p in r.problems.prefix(4) { print("  P \(p)") }
            guard dump.rows != nil else { continue }
            let theirs = ReferenceOTIO.rows(dump, byName: true).map(\.row)
            let ours = r.project.clipRows(byName: true)
            let onlyTheirs = Set(theirs).subtracting(ours).sorted()
            let onlyOurs = Set(ours).subtracting(theirs).sorted()
            print("  ours \(ours.count) theirs \(theirs.count) onlyOurs \(onlyOurs.count) onlyTheirs \(onlyTheirs.count)")
            for x in onlyOurs.prefix(5) { print("   +ours   \(x)") }
            for x in onlyTheirs.prefix(5) { print("   +theirs \(x)") }
        }
    }
}
