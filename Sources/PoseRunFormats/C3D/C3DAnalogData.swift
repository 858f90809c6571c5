/// Analog channels of a C3D file (force plates, EMG…), already scaled to their units.
public struct C3DAnalogData: Sendable, Hashable {
    /// ANALOG:LABELS (+ LABELS2…), one per channel, in channel order.
    public var labels: [String]
    /// ANALOG:UNITS, one per channel where given.
    public var units: [String]
    /// Samples per second (ANALOG:RATE).
    public var rate: Double
    /// Analog samples per point frame; the first sample of each group coincides with the point frame.
    public var samplesPerPointFrame: Int
    /// One array per channel: (raw − OFFSET) × SCALE × GEN_SCALE.
    public var channels: [[Double]]

    public init(labels: [String], units: [String], rate: Double, samplesPerPointFrame: Int, channels: [[Double]]) {
        self.labels = labels
        self.units = units
        self.rate = rate
        self.samplesPerPointFrame = samplesPerPointFrame
        self.channels = channels
    }

    public static let empty = C3DAnalogData(labels: [], units: [], rate: 0, samplesPerPointFrame: 0, channels: [])

    public var channelCount: Int { channels.count }
    public var sampleCount: Int { channels.first?.count ?? 0 }

    /// The samples of the channel with this label (matched exactly first, then case-insensitively).
    public func channel(labelled label: String) -> [Double]? {
        if let index = labels.firstIndex(of: label), index < channels.count { return channels[index] }
        let wanted = label.uppercased()
        if let index = labels.firstIndex(where: { $0.uppercased() == wanted }), index < channels.count { return channels[index] }
        return nil
    }
}
