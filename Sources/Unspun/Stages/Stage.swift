/// One filter of the pipeline. A stage rewrites `document.text`, records each change in
/// `document.edits` (offsets into the text it was given) and puts what it found in
/// `document.metadata`. Stages hold ICU iterators and are not thread-safe: make one per thread.
public protocol Stage: AnyObject {
    /// The name used in edit records and on the command line.
    var name: String { get }
    func process(_ document: inout Document) throws(StageError)
}

/// A stage that cannot handle a document; the document is rejected with this reason.
public struct StageError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
