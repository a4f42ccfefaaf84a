import Editor
import Foundation
import Interchange
import TimelineModel

/// A user error: printed as one line, no stack trace, exit status 1.
public struct CLIError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
