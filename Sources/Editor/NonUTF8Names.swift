import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File names that are not UTF-8 (`caf\xE9.wav` from an old Latin-1 disk). Foundation's folder
/// walk cannot name them and leaves them out without a word; this finds them by reading the
/// folders' raw bytes, so an import can say what it left out.
enum NonUTF8Names {
    /// Such names below `folder` (recursively, at most `limit`), bytes shown escaped.
    static func find(under folder: String, limit: Int = 100) -> [String] {
        var found: [String] = []
        var pending = [Array(folder.utf8)]
        var visited = 0
        while let dir = pending.popLast(), found.count < limit, visited < 10_000 {
            visited += 1
            guard let handle = dir.withUnsafeBufferPointer({ buf -> OpaquePointer? in
                var path = Array(buf); path.append(0)
                return path.withUnsafeBufferPointer { opendir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
            }) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix { $0 != 0 })
                }
                if name == Array(".".utf8) || name == Array("..".utf8) || name.first == UInt8(ascii: ".") { continue }
                let full = dir + [UInt8(ascii: "/")] + name
                if String(validating: name, as: UTF8.self) == nil {
                    found.append(name.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined())
                } else if entry.pointee.d_type == UInt8(DT_DIR) {
                    pending.append(full)
                }
            }
        }
        return found
    }
}
