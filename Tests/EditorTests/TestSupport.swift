import Editor
import Foundation
import TimelineModel
import XCTest

/// A catalog that knows media by file name, so editor tests run without FFmpeg.
struct FakeCatalog: MediaCatalog {
    var known: [String: MediaReference]

    func probe(_ url: URL) throws -> MediaReference {
        guard var ref = known[url.lastPathComponent] else {
            throw CommandError("\(url.lastPathComponent): not a media file")
        }
        ref.path = url.path
        return ref
    }

    func looksLikeMedia(_ url: URL) -> Bool { ["mp4", "mov", "wav"].contains(url.pathExtension) }

    /// Three clips at 30 fps: 10 s and 20 s with sound, a 5 s picture-only one.
    static let standard = FakeCatalog(known: [
        "interview.mp4": media("interview.mp4", seconds: 10, video: true, audio: true),
        "broll.mp4": media("broll.mp4", seconds: 20, video: true, audio: true),
        "logo.mp4": media("logo.mp4", seconds: 5, video: true, audio: false),
    ])

    static func media(_ name: String, seconds: Int64, video: Bool, audio: Bool) -> MediaReference {
        MediaReference(id: MediaID(name), name: name, path: name, duration: RationalTime(seconds * 30, .fps30),
                       video: video ? .init(width: 1920, height: 1080, rate: .fps30, codec: "h264") : nil,
                       audio: audio ? .init(sampleRate: 48000, channels: 2, layout: "stereo", codec: "aac") : nil)
    }
}

/// A temporary folder holding empty files named like the fake catalog's media.
func makeMediaFolder(_ names: [String] = ["interview.mp4", "broll.mp4", "logo.mp4"]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("termcut-editor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for n in names { FileManager.default.createFile(atPath: dir.appendingPathComponent(n).path, contents: Data()) }
    return dir
}

extension Editor {
    /// Runs a command and fails the test if it reports an error.
    @discardableResult
    func run(_ line: String, file: StaticString = #filePath, lineNo: UInt = #line) -> CommandOutcome {
        let outcome = execute(line)
        XCTAssertFalse(outcome.isError, "\(line): \(outcome.message)", file: file, line: lineNo)
        return outcome
    }
}
