import App
import Foundation

/// The command line as the bytes the shell passed, before Swift decodes it.
enum RawArguments {
    /// The first argument that is not valid UTF-8, with its bytes shown escaped (`caf\xE9`).
    static func firstNonUTF8() -> (index: Int, shown: String)? {
        for i in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            if String(validating: bytes, as: UTF8.self) == nil {
                let shown = bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
                return (i, shown)
            }
        }
        return nil
    }
}
