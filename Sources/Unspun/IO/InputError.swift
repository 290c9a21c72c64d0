/// A record or file that could not be read, with where and why. Rejected records are reported,
/// never dropped silently.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var id: String?
    public var reason: String

    public init(location: SourceLocation, id: String? = nil, reason: String) {
        self.location = location
        self.id = id
        self.reason = reason
    }

    public var description: String {
        let place = location.line > 0 ? "\(location.file):\(location.line)" : location.file
        return id.map { "\(place) (id \($0)): \(reason)" } ?? "\(place): \(reason)"
    }
}
