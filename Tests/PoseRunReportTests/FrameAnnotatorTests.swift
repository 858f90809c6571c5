import PoseRunCore
import PoseRunImage
import PoseRunSynthetic
import Testing
@testable import PoseRunReport

@Suite struct FrameAnnotatorTests {
    @Test func aDiscPaintsItsCentreAndLeavesFarPixelsAlone() {
        var canvas = RGBCanvas(width: 40, height: 30)
        canvas.disc(centreX: 10, centreY: 10, radius: 3, .leftSide)
        #expect(canvas.colour(x: 10, y: 10) == .leftSide)
        #expect(canvas.colour(x: 13, y: 10) == .leftSide)
        #expect(canvas.colour(x: 15, y: 10) == .black)
        // Off the edge: clipped, no crash.
        canvas.disc(centreX: -5, centreY: 50, radius: 8, .rightSide)
        canvas.line(from: ImagePoint(x: -10, y: -10), to: ImagePoint(x: 60, y: 60), thickness: 3, .middle)
        // A wild keypoint far outside the frame is skipped rather than traced pixel by pixel.
        canvas.line(from: ImagePoint(x: 0, y: 0), to: ImagePoint(x: 1e12, y: 5), thickness: 3, .rightSide)
        #expect(canvas.colour(x: 20, y: 20) == .middle)
    }

    /// The canvas draws on the frame type the video reader gives (one RGB image type), rows top to bottom.
    @Test func theCanvasDrawsOnADecodedFrame() {
        var frame = RGBImage(width: 3, height: 2, pixels: [UInt8](repeating: 9, count: 18))
        var canvas = RGBCanvas(frame)
        canvas.set(x: 2, y: 1, .contact)
        frame = canvas.image
        #expect(Array(frame.pixels[15..<18]) == [RGBColour.contact.red, RGBColour.contact.green, RGBColour.contact.blue])
        #expect(frame.pixels[..<15].allSatisfy { $0 == 9 })
    }

    @Test func theMinusGlyphIsOneRowAndTheDegreeSignSitsHigh() {
        var canvas = RGBCanvas(width: 20, height: 10)
        canvas.text("-", x: 0, y: 0, scale: 1, .middle)
        // Row 3 of the 5×7 cell is lit across all 5 columns, nothing else.
        var lit: [(Int, Int)] = []
        for y in 0..<10 { for x in 0..<20 where canvas.colour(x: x, y: y) == .middle { lit.append((x, y)) } }
        #expect(lit.count == 5)
        #expect(lit.allSatisfy { $0.1 == 3 })
        // The degree sign has nothing in its lower three rows (a raised ring).
        for row in 4..<7 { for column in 0..<5 { #expect(!BitmapFont.isLit("°", column: column, row: row)) } }
        #expect(BitmapFont.width(of: "12°", scale: 2) == (3 * 6 - 1) * 2)
        // Small letters are drawn as capitals; unknown characters as "?".
        #expect(BitmapFont.rows(of: "k") == BitmapFont.rows(of: "K"))
        #expect(BitmapFont.rows(of: "€") == BitmapFont.rows(of: "?"))
    }

    @Test func theTrackPutsTheCleanedKneeWhereTheImageShowsIt() throws {
        // A runner in pixels (400 px per metre) with y up, as a video source gives (y = −row).
        var configuration = SyntheticRunner.Configuration.poseRunner.lasting(strides: 4)
        configuration.lengthUnit = .pixels
        configuration.setting = .treadmill
        configuration.frameRate = 60
        let (input, analysis) = try Fixtures.analysed(configuration)
        let track = AnnotationTrack(input: input, analysis: analysis, configuration: AnalysisConfiguration())
        #expect(track.frames.count == input.frameCount)
        let frame = 30
        let knee = try #require(track.frame(frame).points[.leftKnee])
        let raw = try #require(input.point(.leftKnee, at: frame))
        // Rows count down from the top: row = −y. Cleaning (a low-pass) moves a clean point by
        // well under a pixel at 400 px/m.
        #expect(abs(knee.y - (-raw.y)) < 2)
        #expect(abs(knee.x - raw.x) < 2)
        // Events and stances come from the analysis, one marker per event.
        #expect(track.markers.count == analysis.events.count)
        #expect((track.stances[.left] ?? []).count >= 3)
        // The knee angle per frame matches the analysis' own at-contact value on a contact frame (same definition).
        let step = try #require(analysis.steps.first { $0.side == .left })
        let atContact = try #require(track.frame(step.initialContactFrame).kneeFlexionDegrees[.left])
        let measured = try #require(step.metrics[Metric.kneeFlexionAtContact])
        #expect(abs(atContact - measured) < 3)
    }

    @Test func theAnnotatorDrawsJointsInTheSideColourAndLabelsTheContactFrame() throws {
        // Big enough that the angle panel (top left) and the contact strip (bottom) leave the body alone.
        let width = 320, height = 240
        func at(_ x: Double, _ y: Double) -> ImagePoint { ImagePoint(x: 100 + 3 * x, y: 40 + 3 * y) }
        let points: [Landmark: ImagePoint] = [
            .leftHip: at(30, 20), .leftKnee: at(34, 30), .leftAnkle: at(30, 40),
            .rightHip: at(31, 20), .rightKnee: at(20, 29), .rightAnkle: at(14, 36),
            .leftShoulder: at(33, 6), .rightShoulder: at(33, 6),
        ]
        let frame = AnnotationTrack.Frame(points: points, trunkLeanDegrees: 7.6, kneeFlexionDegrees: [.left: 22, .right: 80])
        let track = AnnotationTrack(
            frames: [frame, frame], markers: [.init(side: .left, kind: .initialContact, frameIndex: 1)],
            stances: [.left: [1...1]], frameRate: 30)
        let annotator = FrameAnnotator(track: track, width: width, height: height)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        annotator.annotate(frame: 0, pixels: &pixels)
        let canvas = RGBCanvas(width: width, height: height, pixels: pixels)
        #expect(canvas.colour(x: 202, y: 130) == .leftSide)
        #expect(canvas.colour(x: 160, y: 127) == .rightSide)
        // Frame 1 is the contact: a flash bar along the top edge in the contact colour.
        var second = [UInt8](repeating: 0, count: width * height * 3)
        annotator.annotate(frame: 1, pixels: &second)
        #expect(RGBCanvas(width: width, height: height, pixels: second).colour(x: width / 2, y: 0) == .contact)
        #expect(canvas.colour(x: width / 2, y: 0) != .contact)
        #expect(FrameAnnotator.degrees(7.6) == "8°")
        #expect(FrameAnnotator.degrees(-2.4) == "-2°")
        #expect(FrameAnnotator.degrees(nil) == "--")
    }
}
