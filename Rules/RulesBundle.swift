import Foundation

/// The rule files as they ship in a build: SwiftPM copies this target's resource bundle (the
/// `en/` folder; add a language's folder to the target's resources) beside every executable that links Unspun, so a
/// package depending on Unspun, and a binary copied together with its bundle, find them without
/// the source checkout.
public enum RulesBundle {
    /// The bundle's folder (laid out like `Rules/`), or nil when it is not beside the executable.
    /// Looked up by hand rather than through `Bundle.module`, which stops the process when the
    /// bundle is missing.
    public static func directory(besideExecutable executablePath: String) -> String? {
        let folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        // SwiftPM names the bundle <package>_<target>.resources (<package>_<target>.bundle, with
        // the files under Contents/Resources, on Apple's systems).
        if let name = names.sorted().first(where: { $0.hasSuffix("_UnspunRules.resources") }) {
            return folder.appendingPathComponent(name).path
        }
        guard let name = names.sorted().first(where: { $0.hasSuffix("_UnspunRules.bundle") }) else { return nil }
        return folder.appendingPathComponent(name).appendingPathComponent("Contents/Resources").path
    }
}
