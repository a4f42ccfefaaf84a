import Editor
import Foundation
import TimelineModel
import XCTest

/// `proxy on|off|toggle` changes which file the preview decodes, never the project or a render.
final class ProxyToggleTests: XCTestCase {
    func testToggleSwitchesThePreviewBetweenProxyAndOriginalAndFallsBack() throws {
        let folder = try makeMediaFolder(["a.mp4", "b.mp4", "c.mp4", "a-proxy.mp4", "c-proxy.mp4"])
        defer { try? FileManager.default.removeItem(at: folder) }
        func media(_ name: String, proxy: String?) -> MediaReference {
            var m = FakeCatalog.media(name, seconds: 2, video: true, audio: false)
            m.path = folder.appendingPathComponent(name).path
            m.proxy = proxy.map { folder.appendingPathComponent($0).path }
            return m
        }
        var project = Project(name: "p", media: [media("a.mp4", proxy: "a-proxy.mp4"), media("b.mp4", proxy: "b-proxy.mp4"),
                                                 media("c.mp4", proxy: "c-proxy.mp4")])
        project.media[2].isOffline = true  // its original went away; its proxy is there
        let editor = Editor(project: project)
        func previewPaths() -> [String] { editor.viewerProject.media.map { URL(fileURLWithPath: $0.path).lastPathComponent } }

        XCTAssertEqual(previewPaths(), ["a.mp4", "b.mp4", "c.mp4"])
        let keyOff = editor.viewerKey
        let on = editor.execute("proxy toggle")
        XCTAssertFalse(on.isError, on.message)
        XCTAssertTrue(editor.useProxies)
        // b's proxy is missing: it falls back to its original.
        XCTAssertEqual(previewPaths(), ["a-proxy.mp4", "b.mp4", "c-proxy.mp4"])
        XCTAssertNotEqual(editor.viewerKey, keyOff, "the preview must reload when proxies switch")
        XCTAssertTrue(on.message.contains("1 missing"), on.message)
        XCTAssertTrue(on.message.contains("original offline") && on.message.contains("c.mp4"), on.message)
        XCTAssertFalse(editor.viewerProject.media[2].isOffline, "an offline original with a proxy previews the proxy")
        // The project itself (what a render reads) keeps the originals.
        XCTAssertEqual(editor.project.media.map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["a.mp4", "b.mp4", "c.mp4"])
        XCTAssertEqual(editor.previewProject.media[0].path, folder.appendingPathComponent("a-proxy.mp4").path)

        XCTAssertFalse(editor.execute("proxy off").isError)
        XCTAssertEqual(previewPaths(), ["a.mp4", "b.mp4", "c.mp4"])
        XCTAssertEqual(editor.viewerKey, keyOff)
        XCTAssertTrue(editor.execute("proxy maybe").isError)
    }
}
