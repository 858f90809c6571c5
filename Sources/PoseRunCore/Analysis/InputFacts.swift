/// Where the runner ran, as far as the image can tell. Written in `analysis.json` as its raw value.
public enum Setting: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The hips travel through the clip.
    case overground
    /// Motion capture whose body stays in place: a treadmill.
    case treadmill
    /// A video whose body stays in place: a treadmill, or a camera panning with the runner (the image
    /// cannot tell these apart).
    case inPlace = "in place (treadmill or panning camera)"
    /// No hip positions to judge by.
    case unknown

    public var description: String { rawValue }
}

/// The unit lengths are in, and what gave the scale. Written in `analysis.json` as one phrase
/// ("metres (from the input)", "leg lengths (no height or leg length given)"…).
public enum LengthScale: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input is in metres (motion capture).
    case metresFromInput
    /// Image lengths scaled by the runner's leg length as given.
    case metresFromLegLength
    /// Image lengths scaled by the runner's height as given × this fraction (leg length of height, Winter 2009).
    case metresFromHeight(legLengthFraction: Double)
    /// No scale: lengths in leg lengths.
    case legLengths
    /// A phrase this version does not write (from another version's file), kept as it was.
    case described(String)

    /// Lengths are in metres.
    public var isMetres: Bool {
        switch self {
        case .metresFromInput, .metresFromLegLength, .metresFromHeight: true
        case .legLengths: false
        case .described(let text): text.hasPrefix("metres")
        }
    }

    public var description: String {
        switch self {
        case .metresFromInput: "metres (from the input)"
        case .metresFromLegLength: "metres (scaled by the given leg length)"
        case .metresFromHeight(let fraction): "metres (scaled by the given height × \(fraction), Winter 2009)"
        case .legLengths: "leg lengths (no height or leg length given)"
        case .described(let text): text
        }
    }

    public init(describedAs text: String) {
        if text == Self.metresFromInput.description { self = .metresFromInput }
        else if text == Self.metresFromLegLength.description { self = .metresFromLegLength }
        else if text.hasPrefix("leg lengths") { self = .legLengths }
        else if text.hasPrefix("metres (scaled by the given height × "),
                let fraction = Double(text.dropFirst("metres (scaled by the given height × ".count).prefix { $0 != "," }) {
            self = .metresFromHeight(legLengthFraction: fraction)
        } else { self = .described(text) }
    }

    public init(from decoder: any Decoder) throws {
        self.init(describedAs: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// How the centre of mass was estimated. Written in `analysis.json` as its raw value.
public enum CentreOfMassMethod: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case segmental = "segmental (de Leva 1996, 14 segments)"
    case segmentalWhereComplete = "segmental (de Leva 1996) where all landmarks were present, mid-hip elsewhere"
    case midHipForMissingLandmarks = "mid-hip (fallback: the input lacks landmarks for a segmental estimate)"
    case midHipForNoCompleteFrame = "mid-hip (fallback: no frame had every landmark a segmental estimate needs)"
    /// Not asked for (the kinematics of a quick check, not of an analysis).
    case notComputed = "not computed"

    /// The mid-hip stands in for the centre of mass throughout: what depends on it is approximate.
    public var isMidHipFallback: Bool { self == .midHipForMissingLandmarks || self == .midHipForNoCompleteFrame }

    public var description: String { rawValue }
}
