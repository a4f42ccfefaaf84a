import Foundation
import XCTest
@testable import Media

/// The shared corpus of real media (`../shared/corpus` beside the repository, or
/// `$TERMCUT_CORPUS`). Tests read it and never write to it.
enum TestCorpus {
    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["TERMCUT_CORPUS"] {
            return URL(fileURLWithPath: override)
        }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent("../shared/corpus").standardizedFileURL
    }

    static var mediaFolder: URL { root.appendingPathComponent("media") }

    /// Every media file the manifest lists, in manifest order.
    static func mediaFiles() throws -> [URL] {
        let manifest = mediaFolder.appendingPathComponent("MANIFEST.tsv")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else {
            throw XCTSkip("corpus not found at \(root.path); set TERMCUT_CORPUS")
        }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let name = line.split(separator: "\t").first.map(String.init) ?? ""
            let url = mediaFolder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
    }

    static func file(_ name: String) throws -> URL {
        let url = mediaFolder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus file \(name) not found under \(mediaFolder.path)")
        }
        return url
    }
}

/// A folder under the system temp folder, removed when the test ends.
func makeTemporaryFolder(_ testCase: XCTestCase, _ label: String = "media") throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("termcut-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    return folder
}

/// Deterministic pseudo-random numbers (Media's SplitMix64), so a failing case can be replayed.
typealias SeededGenerator = SplitMix64
