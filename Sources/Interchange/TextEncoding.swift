import Foundation

/// Text files from other programs: UTF-8 (with or without a byte-order mark) or UTF-16, as
/// Windows tools (Subtitle Edit, Notepad's "Unicode") write SRT and EDL files.
public enum TextEncoding {
    /// The text of `data` when it is UTF-16 (a BOM, or ASCII text with every other byte zero);
    /// nil when it is not, so callers keep their own UTF-8/Latin-1 rules.
    public static func utf16Text(_ data: Data) -> String? {
        let b = [UInt8](data.prefix(4))
        guard b.count >= 2 else { return nil }
        if b[0] == 0xFF && b[1] == 0xFE { return String(data: data.dropFirst(2), encoding: .utf16LittleEndian) }
        if b[0] == 0xFE && b[1] == 0xFF { return String(data: data.dropFirst(2), encoding: .utf16BigEndian) }
        if b.count == 4, b[0] != 0, b[1] == 0, b[2] != 0, b[3] == 0 { return String(data: data, encoding: .utf16LittleEndian) }
        if b.count == 4, b[0] == 0, b[1] != 0, b[2] == 0, b[3] != 0 { return String(data: data, encoding: .utf16BigEndian) }
        return nil
    }
}
