import CICU

/// The package's version (semantic versioning; the repository's tags are `0.x.y`) and the
/// libraries it runs on, for `unspun --version` and for bug reports.
public enum UnspunVersion {
    public static let current = "0.9.0"

    /// The ICU the library was linked against, e.g. "72.1".
    public static var icu: String { String(cString: cicu_version()) }
}
