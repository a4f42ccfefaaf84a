import Foundation
import XCTest
import TimelineModel
@testable import Interchange

final class ScratchTests: XCTestCase {
    func testPrintCorpus() throws {
        for file in Corpus.otioFiles {
            let data = try Data(contentsOf: file)
            do {
                let r = try OTIO.read(data, name: file.lastPathComponent)
                print("=== \(file.lastPathComponent) rate \(r.project.timeline.rate) start \(r.project.timeline.startTimecode) tracks \(r.project.timeline.tracks.map(\.name))")
                for p in r.problems { print("  P \(p)") }
                for row in r.project.clipRows() { print("  \(row)") }
            } catch { print("=== \(file.lastPathComponent) ERROR \(error)") }
        }
    }
}
