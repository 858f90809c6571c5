import PoseRunImage
import Testing
@testable import PoseRunReport

/// The drawing code's side of the fuzzer's Double → Int traps: a value no measurement has is written or
/// skipped, never trapped on (the readers refuse such files first; these are the second line).
struct HugeValueDrawingTests {
    @Test func numbersBeyondAnIntAreWrittenNotTrappedOn() {
        for v in [1e308, -1e308, 18446744073709551616.0, -9223372036854775809.0] {
            #expect(!HTMLText.fixed(v, digits: 1).isEmpty)
            #expect(!HTMLText.number(v).isEmpty)
            #expect(!HTMLText.coordinate(v).isEmpty)
            #expect(!MetricLabels.formatNumber(v).isEmpty)
        }
        #expect(HTMLText.fixed(-12.345, digits: 1) == "−12.3")
        #expect(HTMLText.coordinate(12.5) == "12.5" && HTMLText.coordinate(3) == "3")
    }

    @Test func shapesFarOffTheFrameDrawNothing() {
        var canvas = RGBCanvas(width: 8, height: 8, pixels: [UInt8](repeating: 0, count: 8 * 8 * 3))
        let white = RGBColour(255, 255, 255)
        canvas.disc(centreX: 1e308, centreY: 4, radius: 2, white)
        canvas.ring(centreX: 4, centreY: -1e308, radius: 2, thickness: 1, white)
        canvas.line(from: ImagePoint(x: 0, y: 0), to: ImagePoint(x: 9.3e18, y: 4), thickness: 1, white)
        #expect(canvas.image.pixels.allSatisfy { $0 == 0 })
        canvas.disc(centreX: 4, centreY: 4, radius: 1, white)
        #expect(canvas.image.pixels.contains(255), "a shape on the frame still draws")
    }
}
