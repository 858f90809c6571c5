public import PoseRunCore
public import PoseRunImage

/// An 8-bit RGB colour.
public struct RGBColour: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The person's left side, right side and middle: the same colours as the pose overlay.
    public static let leftSide = RGBColour(255, 140, 0)
    public static let rightSide = RGBColour(0, 200, 255)
    public static let middle = RGBColour(255, 255, 255)
    public static let black = RGBColour(0, 0, 0)
    public static let grey = RGBColour(170, 170, 170)
    public static let contact = RGBColour(60, 230, 90)
    public static let toeOff = RGBColour(255, 70, 200)

    public static func side(_ side: Side) -> RGBColour { side == .left ? leftSide : rightSide }
}


/// Pixel drawing on an `RGBImage` (PoseRunImage's frame, the one the video reader gives): lines, discs,
/// rings, boxes and bitmap text, clipped to the frame. No antialiasing: the frame is re-encoded at once,
/// and hard edges survive H.264 better than soft ones.
public struct RGBCanvas: Sendable {
    /// The frame drawn on.
    public var image: RGBImage
    public var width: Int { image.width }
    public var height: Int { image.height }

    public init(_ image: RGBImage) {
        self.image = image
    }

    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.init(RGBImage(width: width, height: height, pixels: pixels))
    }

    /// A black canvas.
    public init(width: Int, height: Int) {
        self.init(RGBImage(width: width, height: height))
    }

    /// The colour at a pixel (for tests and checks).
    public func colour(x: Int, y: Int) -> RGBColour? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 3
        return RGBColour(image.pixels[i], image.pixels[i + 1], image.pixels[i + 2])
    }

    public mutating func set(x: Int, y: Int, _ colour: RGBColour) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 3
        image.pixels[i] = colour.red
        image.pixels[i + 1] = colour.green
        image.pixels[i + 2] = colour.blue
    }

    /// A filled axis-aligned rectangle.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ colour: RGBColour) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            var i = (row * width + x0) * 3
            for _ in x0..<x1 {
                image.pixels[i] = colour.red
                image.pixels[i + 1] = colour.green
                image.pixels[i + 2] = colour.blue
                i += 3
            }
        }
    }

    /// Darkens a rectangle (a backdrop that keeps text legible on any background), keeping `keep`/256 of the light.
    public mutating func darken(x: Int, y: Int, width w: Int, height h: Int, keep: Int = 90) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        let k = UInt16(max(0, min(256, keep)))
        for row in y0..<y1 {
            let start = (row * width + x0) * 3, end = (row * width + x1) * 3
            for i in start..<end { image.pixels[i] = UInt8((UInt16(image.pixels[i]) * k) >> 8) }
        }
    }

    /// Whether a shape at (cx, cy) of this size can touch the frame at all: a non-finite or far-off value
    /// (a wild keypoint, a corrupt file) is skipped before any pixel arithmetic could trap on it.
    func isDrawable(_ cx: Double, _ cy: Double, _ size: Double) -> Bool {
        let limit = Double(4 * (width + height))
        return cx.isFinite && cy.isFinite && size.isFinite && abs(cx) < limit && abs(cy) < limit && size < limit
    }

    /// A filled disc.
    public mutating func disc(centreX cx: Double, centreY cy: Double, radius: Double, _ colour: RGBColour) {
        guard isDrawable(cx, cy, radius), radius >= 0 else { return }
        let r2 = radius * radius
        let x0 = Int((cx - radius).rounded(.down)), x1 = Int((cx + radius).rounded(.up))
        let y0 = Int((cy - radius).rounded(.down)), y1 = Int((cy + radius).rounded(.up))
        guard x1 >= 0, y1 >= 0, x0 < width, y0 < height else { return }
        for y in max(0, y0)...min(height - 1, y1) {
            for x in max(0, x0)...min(width - 1, x1) {
                let dx = Double(x) - cx, dy = Double(y) - cy
                if dx * dx + dy * dy <= r2 { set(x: x, y: y, colour) }
            }
        }
    }

    /// A ring (circle outline) of the given thickness.
    public mutating func ring(centreX cx: Double, centreY cy: Double, radius: Double, thickness: Double, _ colour: RGBColour) {
        guard isDrawable(cx, cy, radius + thickness), radius > 0 else { return }
        let outer = radius + thickness / 2, inner = max(0, radius - thickness / 2)
        let o2 = outer * outer, i2 = inner * inner
        let x0 = Int((cx - outer).rounded(.down)), x1 = Int((cx + outer).rounded(.up))
        let y0 = Int((cy - outer).rounded(.down)), y1 = Int((cy + outer).rounded(.up))
        guard x1 >= 0, y1 >= 0, x0 < width, y0 < height else { return }
        for y in max(0, y0)...min(height - 1, y1) {
            for x in max(0, x0)...min(width - 1, x1) {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let d2 = dx * dx + dy * dy
                if d2 <= o2 && d2 >= i2 { set(x: x, y: y, colour) }
            }
        }
    }

    /// A line of the given thickness (a row of discs: simple, and round at the joints).
    public mutating func line(
        from a: ImagePoint, to b: ImagePoint, thickness: Double, _ colour: RGBColour, dashPixels: Int? = nil
    ) {
        guard isDrawable(a.x, a.y, 0), isDrawable(b.x, b.y, 0), thickness.isFinite else { return }
        let length = max(abs(b.x - a.x), abs(b.y - a.y))
        // A line far outside the frame (a wild keypoint) would cost time for nothing.
        guard length < Double(4 * (width + height)) else { return }
        let steps = max(1, Int(length.rounded(.up)))
        let radius = max(0, thickness / 2 - 0.25)
        for s in 0...steps {
            if let dash = dashPixels, dash > 0, (s / dash) % 2 == 1 { continue }
            let t = Double(s) / Double(steps)
            let x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t
            if radius < 0.5 {
                set(x: Int(x.rounded()), y: Int(y.rounded()), colour)
            } else {
                disc(centreX: x, centreY: y, radius: radius, colour)
            }
        }
    }

    /// Text in the bitmap font, top-left corner at (`x`, `y`), each font pixel `scale` × `scale`.
    public mutating func text(_ text: String, x: Int, y: Int, scale: Int, _ colour: RGBColour) {
        let s = max(1, scale)
        var left = x
        for character in text {
            for row in 0..<BitmapFont.glyphHeight {
                for column in 0..<BitmapFont.glyphWidth where BitmapFont.isLit(character, column: column, row: row) {
                    fill(x: left + column * s, y: y + row * s, width: s, height: s, colour)
                }
            }
            left += BitmapFont.advance * s
        }
    }
}
