import Foundation
import TimelineModel

/// What the editor needs to know about media files. The Media module implements it over
/// libavformat; tests use an in-memory catalog. Keeping it a protocol keeps the Editor free of C.
public protocol MediaCatalog: Sendable {
    /// Probes a file into a media reference; `id` is left for the editor to assign.
    func probe(_ url: URL) throws -> MediaReference
    /// Whether a file looks like media worth importing (by its name; cheap, used on whole folders).
    func looksLikeMedia(_ url: URL) -> Bool
}
