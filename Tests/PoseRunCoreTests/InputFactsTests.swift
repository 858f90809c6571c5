import Foundation
import PoseRunCore
import Testing

/// Typed facts about the input keep the phrases analysis.json has always held, and read every phrase written before.
@Suite struct InputFactsTests {
    @Test func theScalePhrasesOfEarlierFilesReadAsTheirFacts() {
        #expect(LengthScale(describedAs: "metres (from the input)") == .metresFromInput)
        #expect(LengthScale(describedAs: "metres (scaled by the given leg length)") == .metresFromLegLength)
        #expect(LengthScale(describedAs: "metres (scaled by the given height × 0.491, Winter 2009)") == .metresFromHeight(legLengthFraction: 0.491))
        // Written by versions that named the command's flags.
        #expect(LengthScale(describedAs: "leg lengths (no --height or --leg-length given)") == .legLengths)
        #expect(LengthScale(describedAs: "furlongs") == .described("furlongs"))
        #expect(!LengthScale.described("furlongs").isMetres && LengthScale.described("metres (somehow)").isMetres)
    }

    @Test func eachFactEncodesAsOnePhrase() throws {
        let scales: [LengthScale] = [.metresFromInput, .metresFromLegLength, .metresFromHeight(legLengthFraction: 0.491), .legLengths]
        for scale in scales {
            let json = try JSONEncoder().encode([scale])
            #expect(try JSONDecoder().decode([LengthScale].self, from: json) == [scale])
            #expect(String(decoding: json, as: UTF8.self) == "[\"\(scale.description)\"]")
        }
        #expect(String(decoding: try JSONEncoder().encode([Setting.inPlace]), as: UTF8.self) == #"["in place (treadmill or panning camera)"]"#)
        #expect(CentreOfMassMethod.allCases.filter(\.isMidHipFallback) == [.midHipForMissingLandmarks, .midHipForNoCompleteFrame])
    }
}
