/// Which bytes a media reference was made from: the file's size and modification time when it
/// was imported (or relinked), and a hash of its first bytes (the container header and the
/// first packets). A different clip copied over the file, or the file cut short, no longer
/// matches, and the media goes offline with the reason instead of showing another clip's
/// frames under this one's name.
public struct MediaFingerprint: Codable, Hashable, Sendable {
    public var size: Int64
    /// Nanoseconds since 1970. Only a shortcut: a file whose size and time are unchanged is
    /// taken as unchanged without reading it; a changed time alone (a copy, a `touch`) is
    /// forgiven when the size and the hash still match.
    public var modified: Int64
    /// FNV-1a 64 of the first `MediaFingerprint.hashedBytes` bytes, in hex.
    public var head: String

    /// Enough for the header and the first packets of any container, cheap to read.
    public static let hashedBytes = 1 << 20

    public init(size: Int64, modified: Int64, head: String) {
        self.size = size
        self.modified = modified
        self.head = head
    }
}
