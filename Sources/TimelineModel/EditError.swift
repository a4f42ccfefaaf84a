/// Why an edit was refused. The message is what the editor shows in the message line.
public struct EditError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case lockedTrack, noSuchTrack, noSuchClip, noSuchMedia, outsideMedia, invalidRange,
             noMarks, nothingSelected, wrongTrackKind, overlap, invalidArgument
    }
    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}
