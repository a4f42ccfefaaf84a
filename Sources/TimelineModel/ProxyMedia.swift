/// The proxy layer (as Premiere's "Toggle Proxies" and Resolve's proxy mode): with proxies on,
/// the preview and scopes decode each media's proxy, a small short-GOP copy with the same
/// rate, timestamps and sound, so frame N of the proxy is frame N of the original and the
/// edit does not change. A render always decodes the originals.
extension Project {
    /// What the proxy layer did to a project: how many media decode their proxy, and which
    /// media are offline but still shown (and editable) through their proxy.
    public struct ProxyView: Sendable, Equatable {
        public var project: Project
        public var proxied: Int
        /// Names of media whose original is offline and whose proxy stands in.
        public var originalsOffline: [String]
    }

    /// The project as the preview decodes it with proxies on: each media with a proxy that
    /// `isReadable` decodes that file; a media whose proxy is missing keeps its original (the
    /// fallback, as Premiere's). The proxy is another file, so the original's fingerprint is
    /// not checked against it.
    public func usingProxies(isReadable: (String) -> Bool) -> ProxyView {
        var view = ProxyView(project: self, proxied: 0, originalsOffline: [])
        for (i, media) in media.enumerated() {
            guard let proxy = media.proxy, !proxy.isEmpty, isReadable(proxy) else { continue }
            if media.isOffline { view.originalsOffline.append(media.name) }
            var m = media
            m.path = proxy
            m.fingerprint = nil
            m.isOffline = false
            m.offlineReason = nil
            view.project.media[i] = m
            view.proxied += 1
        }
        return view
    }
}
