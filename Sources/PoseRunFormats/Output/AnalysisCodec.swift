import Foundation
import PoseRunCore

/// How `analysis.json` spells its numbers, in one place for the writer (`AnalysisWriter`) and the reader
/// (`AnalysisFileLoader`): pretty, key-sorted JSON, and the non-finite numbers JSON cannot hold written as
/// the strings "NaN", "Infinity" and "-Infinity", which read back as the numbers.
enum AnalysisCodec {
    static let nan = "NaN", infinity = "Infinity", negativeInfinity = "-Infinity"

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return decoder
    }
}
