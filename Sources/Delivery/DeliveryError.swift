/// Why a render could not start or did not finish, in words the user can act on
/// ("preset 'youtub': no such preset (available: …)", "out.mp4: the disk is full").
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
