import CText
import Foundation

/// Finds fonts (fontconfig), shapes lines (HarfBuzz) and rasterises them (FreeType).
///
/// FreeType's library and faces are not thread-safe, so every call runs under one lock; faces
/// stay open for the life of the process (a project uses a handful). Each line is ordered by the
/// Unicode bidi algorithm (FriBidi, `BidiRuns`) and shaped run by run with HarfBuzz, so a line
/// mixing directions ("Hello שלום world", Arabic with digits) comes out in visual order.
public final class Typesetter: @unchecked Sendable {
    public static let shared = Typesetter()

    /// A font file fontconfig chose.
    public struct FontMatch: Equatable, Sendable {
        public var path: String
        public var index: Int
        public var family: String
    }

    private let lock = NSLock()
    private var library: FT_Library?
    private var faces: [String: FT_Face] = [:]
    private var matches: [String: FontMatch] = [:]

    private init() {
        var lib: FT_Library?
        if FT_Init_FreeType(&lib) == 0 { library = lib }
        _ = FcInit()
    }

    /// Generic names fontconfig always resolves to some font, so they are never "missing".
    static let genericFamilies: Set<String> = ["sans-serif", "sans", "serif", "monospace", "mono", "system-ui"]

    /// The font fontconfig gives for `name` (a fontconfig pattern such as `DejaVu Sans` or
    /// `DejaVu Sans:bold`); an error when the family asked for is not installed (fontconfig
    /// would silently substitute another), naming what it offered.
    public func font(_ name: String) throws(TextError) -> FontMatch {
        lock.lock(); defer { lock.unlock() }
        return try matchLocked(name, characters: [])
    }

    private func matchLocked(_ name: String, characters: [UInt32]) throws(TextError) -> FontMatch {
        let key = name + "|" + characters.map(String.init).joined(separator: ",")
        if let known = matches[key] { return known }
        guard let pattern = FcNameParse(name) else { throw TextError("font '\(name)' is not a fontconfig name (try 'DejaVu Sans' or 'DejaVu Sans:bold')") }
        defer { FcPatternDestroy(pattern) }
        var requested: UnsafeMutablePointer<FcChar8>?
        let asked = FcPatternGetString(pattern, "family", 0, &requested) == FcResultMatch ? requested.map { String(cString: $0) } : nil
        if !characters.isEmpty, let set = FcCharSetCreate() {
            for c in characters { _ = FcCharSetAddChar(set, c) }
            _ = FcPatternAddCharSet(pattern, "charset", set)
            FcCharSetDestroy(set)
        }
        _ = FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let matched = FcFontMatch(nil, pattern, &result) else {
            throw TextError("font '\(name)': fontconfig found no font at all (install fonts-dejavu-core)")
        }
        defer { FcPatternDestroy(matched) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(matched, "file", 0, &file) == FcResultMatch, let file else {
            throw TextError("font '\(name)': fontconfig's match has no file")
        }
        var index: Int32 = 0
        _ = FcPatternGetInteger(matched, "index", 0, &index)
        var families: [String] = []
        var n: Int32 = 0
        while true {
            var family: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(matched, "family", n, &family) == FcResultMatch, let family else { break }
            families.append(String(cString: family)); n += 1
        }
        let found = FontMatch(path: String(cString: file), index: Int(index), family: families.first ?? name)
        if characters.isEmpty, let asked, !Self.genericFamilies.contains(asked.lowercased()),
           !families.contains(where: { $0.lowercased() == asked.lowercased() }) {
            throw TextError("font '\(asked)' is not installed: fontconfig offered '\(found.family)' (\(found.path)) instead; `fc-list : family` lists the fonts there are")
        }
        matches[key] = found
        return found
    }

    private func faceLocked(_ match: FontMatch, pixelSize: Int) throws(TextError) -> FT_Face {
        let key = "\(match.path)#\(match.index)"
        let face: FT_Face
        if let open = faces[key] {
            face = open
        } else {
            var opened: FT_Face?
            guard let library, FT_New_Face(library, match.path, FT_Long(match.index), &opened) == 0, let opened else {
                throw TextError("font file \(match.path) would not open")
            }
            faces[key] = opened
            face = opened
        }
        if FT_Set_Pixel_Sizes(face, 0, FT_UInt(max(1, pixelSize))) != 0 {
            // Bitmap-only faces (colour emoji) have fixed sizes: take the first.
            if face.pointee.num_fixed_sizes > 0 { _ = FT_Select_Size(face, 0) }
        }
        return face
    }

    /// Each line of `text` shaped at `pixelSize` in `font`; characters `font` has no glyph for
    /// are drawn in fontconfig's best font for them (CJK or Hebrew in a Latin font, as
    /// browsers and NLE title tools fall back), stretch by stretch.
    public func shape(_ text: String, font: String, pixelSize: Int) throws(TextError) -> [ShapedLine] {
        lock.lock(); defer { lock.unlock() }
        return try shapeLocked(text, font: font, pixelSize: pixelSize).map(\.line)
    }

    private func shapeLocked(_ text: String, font: String, pixelSize: Int) throws(TextError) -> [(line: ShapedLine, faces: [FT_Face])] {
        let primary = try matchLocked(font, characters: [])
        var lines: [(ShapedLine, [FT_Face])] = []
        for lineText in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init) {
            var matches = [primary]
            var faces = [try faceLocked(primary, pixelSize: pixelSize)]
            // Up to three fallbacks: each asked for what all the fonts so far still lack, so a
            // line mixing Latin, CJK and Hebrew gets a font for each.
            var lacking = missing(lineText, in: faces)
            while !lacking.isEmpty, matches.count < 4, let fallback = try? matchLocked(font, characters: lacking), !matches.contains(fallback) {
                let face = try faceLocked(fallback, pixelSize: pixelSize)
                let still = missing(lineText, in: faces + [face])
                guard still.count < lacking.count else { break }
                matches.append(fallback); faces.append(face); lacking = still
            }
            lines.append((shapeLine(lineText, faces: faces, matches: matches), faces))
        }
        return lines
    }

    /// The characters of `text` none of `faces` has a glyph for.
    private func missing(_ text: String, in faces: [FT_Face]) -> [UInt32] {
        var out: [UInt32] = []
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace && scalar.value >= 0x20 {
            if !faces.contains(where: { FT_Get_Char_Index($0, FT_ULong(scalar.value)) != 0 }) && !out.contains(scalar.value) { out.append(scalar.value) }
        }
        return out
    }

    /// Which face draws each scalar of `text`: the first with a glyph for it. Spaces, marks
    /// and joiners stay with the character before them, so a word keeps one font and a
    /// combining accent its base letter's.
    private func fontRuns(_ scalars: [Unicode.Scalar], faces: [FT_Face]) -> [Int] {
        var out: [Int] = []
        for scalar in scalars {
            let props = scalar.properties
            if let previous = out.last, props.isWhitespace || props.generalCategory == .nonspacingMark
                || props.generalCategory == .enclosingMark || props.generalCategory == .format || scalar.value < 0x20 {
                out.append(previous); continue
            }
            out.append(faces.firstIndex { FT_Get_Char_Index($0, FT_ULong(scalar.value)) != 0 } ?? 0)
        }
        return out
    }

    /// One line shaped run by run: FriBidi cuts it into runs of one direction (`BidiRuns`),
    /// each is cut again where the font changes, HarfBuzz shapes each piece in its direction
    /// with the whole line as context (so Arabic joins across a run's edge), and the pieces
    /// are laid left to right in visual order.
    private func shapeLine(_ text: String, faces: [FT_Face], matches: [FontMatch]) -> ShapedLine {
        let bidi = BidiRuns(text)
        let scalars = Array(text.unicodeScalars)
        let fontOf = fontRuns(scalars, faces: faces)
        let hbFonts = faces.map { hb_ft_font_create_referenced($0) }
        defer { for f in hbFonts { hb_font_destroy(f) } }
        let utf8 = Array(text.utf8)
        // The UTF-8 offset of each scalar (and of the end), to hand HarfBuzz a run as bytes.
        var byteOffsets: [Int] = [0]
        for scalar in scalars { byteOffsets.append(byteOffsets.last! + String(scalar).utf8.count) }
        var glyphs: [ShapedGlyph] = []
        var pen = 0.0
        for run in bidi.visual {
            // Pieces of one font, in logical order; a right-to-left run shows them last first.
            var pieces: [(range: Range<Int>, font: Int)] = []
            for i in run.scalars {
                if let last = pieces.last, last.font == fontOf[i] { pieces[pieces.count - 1].range = last.range.lowerBound..<(i + 1) }
                else { pieces.append((i..<(i + 1), fontOf[i])) }
            }
            if run.isRightToLeft { pieces.reverse() }
            for piece in pieces {
                guard let font = hbFonts[piece.font], let buffer = hb_buffer_create() else { continue }
                defer { hb_buffer_destroy(buffer) }
                let first = byteOffsets[piece.range.lowerBound], end = byteOffsets[piece.range.upperBound]
                utf8.withUnsafeBufferPointer { bytes in
                    bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, bytes.count)) {
                        hb_buffer_add_utf8(buffer, $0, Int32(bytes.count), UInt32(first), Int32(end - first))
                    }
                }
                hb_buffer_set_direction(buffer, run.isRightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR)
                // Script and language still guessed (the direction set is kept).
                hb_buffer_guess_segment_properties(buffer)
                hb_shape(font, buffer, nil, 0)
                var count: UInt32 = 0
                let infos = hb_buffer_get_glyph_infos(buffer, &count)
                let positions = hb_buffer_get_glyph_positions(buffer, &count)
                for i in 0..<Int(count) {
                    let info = infos![i], pos = positions![i]
                    // hb-ft scales positions in 26.6 fixed point; clusters are byte offsets in the whole line.
                    glyphs.append(ShapedGlyph(glyph: info.codepoint, cluster: Int(info.cluster),
                                              x: pen + Double(pos.x_offset) / 64, y: Double(pos.y_offset) / 64,
                                              advance: Double(pos.x_advance) / 64, font: piece.font))
                    pen += Double(pos.x_advance) / 64
                }
            }
        }
        // The line is named by the font that drew most of it.
        var counts = [Int](repeating: 0, count: matches.count)
        for g in glyphs { counts[g.font] += 1 }
        let main = matches[counts.firstIndex(of: counts.max() ?? 0) ?? 0]
        return ShapedLine(text: text, glyphs: glyphs, isRightToLeft: bidi.isRightToLeft, fontPath: main.path,
                          fontFamily: main.family, width: pen, fonts: matches)
    }

    /// `text` rasterised at `pixelSize`: lines centred on each other, `margin` pixels of
    /// clear space all round (room for an outline).
    public func render(_ text: String, font: String, pixelSize: Int, margin: Int = 0) throws(TextError) -> TextMask {
        lock.lock(); defer { lock.unlock() }
        let lines = try shapeLocked(text, font: font, pixelSize: pixelSize)
        let lineHeight = Int((Double(pixelSize) * 1.25).rounded(.up))
        let ascent = Int((Double(pixelSize) * 0.95).rounded(.up))
        let width = Int((lines.map(\.line.width).max() ?? 0).rounded(.up)) + 2 * margin
        let height = lineHeight * max(1, lines.count) + 2 * margin
        var mask = TextMask(width: max(1, width), height: max(1, height))
        for (row, (line, faces)) in lines.enumerated() {
            let originX = Double(margin) + (Double(width - 2 * margin) - line.width) / 2
            let baseline = margin + row * lineHeight + ascent
            for g in line.glyphs {
                let face = faces[g.font]
                guard FT_Load_Glyph(face, g.glyph, Int32(FT_LOAD_DEFAULT)) == 0,
                      FT_Render_Glyph(face.pointee.glyph, FT_RENDER_MODE_NORMAL) == 0 else { continue }
                let slot = face.pointee.glyph.pointee
                let bitmap = slot.bitmap
                guard let buffer = bitmap.buffer, bitmap.pixel_mode == UInt8(FT_PIXEL_MODE_GRAY.rawValue) else { continue }
                let left = Int((originX + g.x).rounded()) + Int(slot.bitmap_left)
                let top = baseline - Int(g.y.rounded()) - Int(slot.bitmap_top)
                let pitch = Int(bitmap.pitch)
                for y in 0..<Int(bitmap.rows) {
                    let ty = top + y
                    guard ty >= 0, ty < mask.height else { continue }
                    for x in 0..<Int(bitmap.width) {
                        let tx = left + x
                        guard tx >= 0, tx < mask.width else { continue }
                        let v = buffer[y * pitch + x]
                        let i = ty * mask.width + tx
                        if mask.coverage[i] < v { mask.coverage[i] = v }
                    }
                }
            }
        }
        return mask
    }

    /// The glyph `font` maps `character` to without shaping (cmap only): what a naive renderer draws.
    public func nominalGlyph(_ character: Unicode.Scalar, font: String, pixelSize: Int) throws(TextError) -> UInt32 {
        lock.lock(); defer { lock.unlock() }
        let face = try faceLocked(try matchLocked(font, characters: []), pixelSize: pixelSize)
        return UInt32(FT_Get_Char_Index(face, FT_ULong(character.value)))
    }

    /// Checks that `bytes` are UTF-8 and gives the text, or an error saying where they are not.
    public static func text(fromUTF8 bytes: [UInt8]) throws(TextError) -> String {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): scalars.append(s); offset += String(s).utf8.count
            case .emptyInput: break loop
            case .error: throw TextError("the text is not valid UTF-8 (at byte \(offset)); give it as UTF-8")
            }
        }
        return String(scalars)
    }
}
