// swift-tools-version:6.0
// termcut: a keyboard-driven non-linear video editor for the terminal.
// Module map and the rules for what may import what: ../shared/design.md (mirrored in README).
import PackageDescription

let package = Package(
    name: "termcut",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "termcut", targets: ["termcut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Thin C bridges: module maps plus static-inline shims for macros Swift cannot import.
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CFFmpeg", pkgConfig: "libavformat",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavutil-dev", "libswscale-dev", "libswresample-dev", "libavfilter-dev"])]),
        .systemLibrary(name: "CSDL2", pkgConfig: "sdl2", providers: [.apt(["libsdl2-dev"])]),
        .systemLibrary(name: "CEBUR128", pkgConfig: "libebur128", providers: [.apt(["libebur128-dev"])]),
        // Text for titles and subtitles: HarfBuzz shapes, FreeType draws, fontconfig finds fonts.
        .systemLibrary(name: "CText", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev", "libfreetype-dev", "libfontconfig-dev"])]),
        // The Unicode bidi algorithm, so a line mixing Hebrew or Arabic with Latin or digits is ordered.
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"])]),

        // Pure Swift: the edit-decision model, interchange formats and the editor core.
        // File names as bytes (names that are not UTF-8), and the system calls that take them.
        .target(name: "PathBytes"),
        .target(name: "TimelineModel", dependencies: ["PathBytes"]),
        .target(name: "Interchange", dependencies: ["TimelineModel", "PathBytes"],
                // Swift 6.3's optimiser crashes in CopyPropagation ("Found ownership error") on the
                // OTIO reader's JSON walks in release builds; the pass buys nothing measurable here.
                swiftSettings: [.unsafeFlags(["-Xllvm", "-sil-disable-pass=copy-propagation"], .when(configuration: .release))]),
        .target(name: "Editor", dependencies: ["TimelineModel", "Interchange", "PathBytes"]),

        // Media and everything that touches pictures and sound.
        .target(name: "Media", dependencies: ["CFFmpeg", "PathBytes"]),
        // Shaped, rasterised text (titles, subtitles): the C libraries behind a small Swift API.
        .target(name: "TextShaping", dependencies: ["CText", "CFriBidi"]),
        .target(name: "Render", dependencies: ["TimelineModel", "Media", "TextShaping"]),
        .target(name: "Analysis", dependencies: ["Media", "CEBUR128"]),
        .target(name: "Playback", dependencies: ["Render", "CSDL2"]),
        // Delivery: render the timeline to files (presets, loudness, the render job).
        .target(name: "Delivery", dependencies: ["TimelineModel", "Media", "Render", "Analysis", "TOMLKit", "PathBytes", "Interchange"]),

        // The face and the executable.
        .target(name: "TUI", dependencies: ["Editor", "Analysis", "Media", "Render", "Playback", "CNcurses", "TOMLKit", "PathBytes"]),
        // The glue that wires the modules for the editor and the subcommands (media catalog, preview
        // link, scopes feed, programme loudness…): a library so that tests can reach it.
        .target(name: "App", dependencies: ["TimelineModel", "Interchange", "Editor", "Media", "Render", "Analysis", "Playback", "TUI", "Delivery", "PathBytes", "TextShaping"]),
        .executableTarget(name: "termcut", dependencies: [
            "App", "TimelineModel", "Interchange", "Editor", "Media", "Render", "Analysis", "Playback", "TUI", "Delivery", "PathBytes",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TimelineModelTests", dependencies: ["TimelineModel", "PathBytes"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange"]),
        .testTarget(name: "EditorTests", dependencies: ["Editor"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis"]),
        .testTarget(name: "TUITests", dependencies: ["TUI"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "TextShapingTests", dependencies: ["TextShaping"]),
        .testTarget(name: "PlaybackTests", dependencies: ["Playback"]),
        .testTarget(name: "AppTests", dependencies: ["App"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery"]),
        // Drives the built `termcut` binary the way a user does (CLI, scripts, tmux).
        // App for `PseudoTerminal`, which counts the bytes the editor writes to its terminal.
        .testTarget(name: "EndToEndTests", dependencies: ["termcut", "PathBytes", "App"]),
    ]
)
