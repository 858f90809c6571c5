import Foundation
import Testing
@testable import PoseRunVision

/// ffprobe's description of a damaged or crafted file can carry any number; the probe turns it into a
/// clip's shape without trapping, and refuses what would not fit in memory.
struct VideoProbeMetadataTests {
    /// The packets' times are read from ffprobe's JSON without decoding each packet: the times as written
    /// (an "N/A" left out), and the rest of the JSON, emptied of its packets, still decodes to the same streams,
    /// even with brackets and the word "packets" inside strings.
    @Test func packetTimesAreReadWithoutDecodingEveryPacket() throws {
        let text = #"{"packets": [{"pts_time": "0.000000"},{"pts_time": "0.066733"} , {"pts_time":"N/A"},{"pts_time": "0.033367"}],"#
            + #" "streams": [{"codec_type": "video", "tags": {"title": "packets\": [1, 2] \\ ]"}}], "format": {"duration": "0.1"}}"#
        let (times, rest) = VideoProbe.splitPacketTimes(Data(text.utf8))
        #expect(times == [0.0, 0.066733, 0.033367])
        let json = try #require(try JSONSerialization.jsonObject(with: rest) as? [String: Any])
        #expect((json["packets"] as? [Any])?.isEmpty == true)
        let stream = try #require((json["streams"] as? [[String: Any]])?.first)
        #expect((stream["tags"] as? [String: String])?["title"] == #"packets": [1, 2] \ ]"#)
        // No packets array: nothing read, the output as it was.
        let bare = Data(#"{"streams": [{"tags": {"packets": "[x]"}}]}"#.utf8)
        let none = VideoProbe.splitPacketTimes(bare)
        #expect(none.times.isEmpty && none.rest == bare)
    }

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
