import PathBytes

/// What went wrong with a media file, in words a user can act on.
///
/// `reason` never repeats the path, so a command-line front end can print
/// `termcut: FILE: reason` with the file name exactly as the user typed it.
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case fileNotFound
        case isDirectory
        case permissionDenied
        case emptyFile
        case notMedia
        case damaged
        case noDecodableStream
        case noVideoStream
        case noAudioStream
        case fileChanged
        case decodeFailed
        case encodeFailed
        case writeFailed
        case invalidRequest
    }

    public var kind: Kind
    public var path: String
    public var reason: String

    public init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, one line.
    public var description: String { "\(PathBytes.shown(path)): \(reason)" }
}
