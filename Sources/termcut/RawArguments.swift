import App
import PathBytes
import Foundation

/// The command line as the bytes the shell passed, before Swift decodes it.
enum RawArguments {
    /// The arguments (without the program name) with bytes that are not UTF-8 kept as
    /// `PathBytes` scalars: Swift's own `CommandLine.arguments` turns them into U+FFFD, which
    /// names another file.
    static func lossless() -> [String] {
        (1..<Int(CommandLine.argc)).map { i in
            guard let pointer = CommandLine.unsafeArgv[i] else { return "" }
            return PathBytes.string(from: UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                              count: strlen(pointer)))
        }
    }
}
