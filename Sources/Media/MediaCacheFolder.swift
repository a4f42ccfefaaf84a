import Foundation

/// Where termcut keeps what it can recompute: demo media, keyframe indexes, peaks.
public enum MediaCacheFolder {
    /// `$XDG_CACHE_HOME/termcut`, else `~/.cache/termcut` (XDG Base Directory spec).
    public static var root: URL {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return URL(fileURLWithPath: cache, isDirectory: true).appendingPathComponent("termcut", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/termcut", isDirectory: true)
    }
}
