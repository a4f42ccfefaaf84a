import Foundation
import TimelineModel

/// `proxy on|off|toggle`: the preview and scopes decode media proxies (Premiere's "Toggle
/// Proxies", Resolve's proxy mode) or the originals. Renders always read the originals.
/// A media whose proxy is missing previews its original; one whose original is offline but
/// whose proxy is there previews the proxy, and the message says so (it stays editable).
enum ProxyCommands {
    static let all: [CommandSpec] = [
        CommandSpec("proxy", .view, "Preview and scope media proxies (termcut proxies makes them) or the originals; renders always use originals",
                    arguments: [ArgumentSpec("state", .choice(["on", "off", "toggle"]), optional: true, "on, off or toggle")]) { editor, args in
            let state = args["state"] ?? "toggle"
            editor.useProxies = state == "toggle" ? !editor.useProxies : state == "on"
            guard editor.useProxies else { return CommandResult("proxies off: the preview decodes the originals") }
            let view = editor.project.usingProxies(isReadable: Editor.isReadable)
            let withProxy = editor.project.media.filter { $0.proxy != nil }.count
            var message = "proxies on: \(view.proxied) of \(editor.project.media.count) media decode a proxy"
            if withProxy > view.proxied { message += "; \(withProxy - view.proxied) missing, showing the original" }
            if withProxy == 0 { message += " (none made yet: termcut proxies PROJECT)" }
            if !view.originalsOffline.isEmpty {
                message += "; original offline, shown by its proxy (editable; relink to render): " + view.originalsOffline.joined(separator: ", ")
            }
            return CommandResult(message)
        },
    ]
}

extension Editor {
    static func isReadable(_ path: String) -> Bool { FileManager.default.isReadableFile(atPath: path) }

    /// `project` as the preview decodes it: with proxies on, each media's proxy where it is readable.
    public func decodedForPreview(_ project: Project) -> Project {
        useProxies ? project.usingProxies(isReadable: Editor.isReadable).project : project
    }

    /// The record project as the preview and scopes decode it.
    public var previewProject: Project { decodedForPreview(project) }
}
