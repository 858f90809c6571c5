import Testing
@testable import PoseRunVision

/// ffprobe's description of a damaged or crafted file can carry any number; the probe turns it into a
/// clip's shape without trapping, and refuses what would not fit in memory.
struct VideoProbeMetadataTests {
    @Test func rotationIsAQuarterTurnWhateverTheTagSays() {
        func degrees(tag: String) -> Int { VideoProbe.rotationDegrees(of: ["tags": ["rotate": tag]]) }
        #expect(degrees(tag: "90") == 90)
        #expect(degrees(tag: "450") == 90)
        #expect(degrees(tag: "-90") == 270)
        #expect(degrees(tag: "180") == 180)
        // The display matrix turns the other way.
        #expect(VideoProbe.rotationDegrees(of: ["side_data_list": [["rotation": -90]]]) == 90)
        // Damaged tags (once a trap converting 1e300 / 90 to an Int) give some quarter turn, not a crash.
        for damaged in ["1e300", "-1e308", "nan", "inf"] { #expect([0, 90, 180, 270].contains(degrees(tag: damaged))) }
    }

    @Test func realPixelShapesArePlausibleAndDamagedOnesAreNot() {
        #expect(VideoProbe.plausiblePixelAspects.contains(4.0 / 3))
        #expect(VideoProbe.plausiblePixelAspects.contains(0.5))
        #expect(!VideoProbe.plausiblePixelAspects.contains(1e308))
        #expect(VideoProbe.mostFramesWithoutTimestamps >= 24 * 3600 * 120)
    }
}
