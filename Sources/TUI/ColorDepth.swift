/// How many colours the terminal can show. Every theme is shown at every depth:
/// colours are mapped down to the nearest the terminal has, never refused.
public enum ColorDepth: Equatable, Sendable {
    /// `NO_COLOR` is set, or the terminal has no colours: attributes only.
    case none
    /// 8 or 16 ANSI colours.
    case ansi16
    case indexed256
    case trueColor

    /// Decides the depth from the environment and what the terminal reports.
    /// `NO_COLOR` (any non-empty value, https://no-color.org) wins over everything;
    /// `COLORTERM=truecolor|24bit` asks for true colour, which is used only when the
    /// terminal can show it (`canShowRGB`), else the best indexed depth.
    public static func detect(environment: [String: String], terminalColors: Int, canShowRGB: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors < 8 { return .none }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if (colorterm == "truecolor" || colorterm == "24bit") && canShowRGB { return .trueColor }
        if terminalColors >= 256 { return .indexed256 }
        return .ansi16
    }

    /// The colour as this depth can show it.
    public func map(_ color: Color) -> Color {
        switch (self, color) {
        case (.none, _): return .default
        case (_, .default): return .default
        case (.trueColor, _): return color
        case (.indexed256, .indexed): return color
        case (.indexed256, .rgb): return .indexed(UInt8(Palette256.nearest(to: color.rgbValue!, among: 256)))
        case (.ansi16, .indexed(let i)) where i < 16: return color
        case (.ansi16, _): return .indexed(UInt8(Palette256.nearest(to: color.rgbValue!, among: 16)))
        }
    }
}
