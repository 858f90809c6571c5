/// The contents of a C3D motion-capture file: parameters, 3D points, analog channels, events.
///
/// **Time base.** C3D frames are numbered from 1, and the header's first-frame word is the number
/// of the first stored frame. A frame's time is `(frameNumber − 1) / POINT:RATE`, which is how the
/// file's EVENT:TIMES are counted: the Dorn JA1Gait35.c3d stores first frame 833 at 250 Hz, so its
/// first sample is at (833 − 1) / 250 = 3.328 s, the time its EVENT section and the matching TRC
/// (time 0 = C3D 3.328 s) imply.
public struct C3DFile: Sendable {
    /// The 512-byte header block's fields, as stored.
    public struct Header: Sendable, Hashable {
        /// 1-based block number of the parameter section.
        public var parameterBlock: Int
        public var pointCount: Int
        /// Analog values per point frame, all channels together (channels × samples per frame).
        public var analogValuesPerFrame: Int
        public var firstFrame: Int
        public var lastFrame: Int
        public var maxInterpolationGap: Int
        /// Negative: points and analog stored as floats; positive: int16 × this scale.
        public var scale: Double
        /// 1-based block number where the point/analog data start.
        public var dataStartBlock: Int
        public var analogSamplesPerFrame: Int
        public var frameRate: Double
    }

    public var fileName: String
    public var processorType: C3DProcessorType
    public var header: Header
    /// True when data are 32-bit floats (POINT:SCALE < 0), false for scaled 16-bit integers.
    public var usesFloatStorage: Bool
    /// Parameter groups in file order of their definition.
    public var groups: [C3DParameterGroup]

    /// POINT:LABELS (+ LABELS2…), one per point, trimmed; "POINT<n>" where the file names none.
    public var pointLabels: [String]
    /// POINT:UNITS as stored, e.g. "mm" or "m".
    public var pointUnits: String
    /// POINT:RATE, frames per second.
    public var pointRate: Double
    /// The file's number for its first stored frame (1-based).
    public var firstFrameNumber: Int
    /// Positions per point, per frame, in `pointUnits`; NaN where the residual marks it invalid.
    public var pointPositions: [[SIMD3<Double>]]
    /// Residual per point, per frame, in `pointUnits`; −1 where the point is invalid.
    public var pointResiduals: [[Double]]
    public var analog: C3DAnalogData
    /// Events from the EVENT group, in time order.
    public var events: [C3DEvent]
    /// Events from the header's event block (older software), in time order.
    public var headerEvents: [C3DEvent]
    public var forcePlates: [C3DForcePlate]

    public init(
        fileName: String, processorType: C3DProcessorType, header: Header, usesFloatStorage: Bool,
        groups: [C3DParameterGroup], pointLabels: [String], pointUnits: String, pointRate: Double,
        firstFrameNumber: Int, pointPositions: [[SIMD3<Double>]], pointResiduals: [[Double]],
        analog: C3DAnalogData, events: [C3DEvent], headerEvents: [C3DEvent], forcePlates: [C3DForcePlate]
    ) {
        self.fileName = fileName
        self.processorType = processorType
        self.header = header
        self.usesFloatStorage = usesFloatStorage
        self.groups = groups
        self.pointLabels = pointLabels
        self.pointUnits = pointUnits
        self.pointRate = pointRate
        self.firstFrameNumber = firstFrameNumber
        self.pointPositions = pointPositions
        self.pointResiduals = pointResiduals
        self.analog = analog
        self.events = events
        self.headerEvents = headerEvents
        self.forcePlates = forcePlates
    }

    // MARK: - Time base

    public var frameCount: Int { pointPositions.first?.count ?? storedFrameCount }
    /// Frames stored, also when the file has no points.
    var storedFrameCount: Int { max(0, header.lastFrame - header.firstFrame + 1) }

    /// The file's own frame numbers, first to last.
    public var frameNumbers: [Int] { Array(firstFrameNumber..<(firstFrameNumber + frameCount)) }

    /// Seconds in the C3D time base: `(frameNumber − 1) / POINT:RATE`.
    public func time(ofFrame frameNumber: Int) -> Double {
        Double(frameNumber - 1) / pointRate
    }

    /// Time of the first stored frame (3.328 s for a file starting at frame 833 at 250 Hz).
    public var firstSampleTime: Double { time(ofFrame: firstFrameNumber) }

    /// The frame number whose time is nearest `time`.
    public func frameNumber(nearest time: Double) -> Int {
        let position = (time * pointRate).rounded()
        guard position.isFinite, abs(position) < 1e12 else { return firstFrameNumber }
        return Int(position) + 1
    }

    /// Time of analog sample `index` (0-based over the whole file). Analog sample 0 is taken at
    /// the first point frame, and samples follow at ANALOG:RATE.
    public func analogSampleTime(_ index: Int) -> Double {
        firstSampleTime + Double(index) / analog.rate
    }

    // MARK: - Parameters

    /// The group with this name, matched case-insensitively.
    public func group(_ name: String) -> C3DParameterGroup? {
        let wanted = name.uppercased()
        return groups.first { $0.name.uppercased() == wanted }
    }

    /// The parameter GROUP:NAME, matched case-insensitively.
    public func parameter(_ group: String, _ name: String) -> C3DParameter? {
        self.group(group)?[name]
    }

    /// The positions of the point with this label, per frame, in `pointUnits`.
    public func positions(ofPoint label: String) -> [SIMD3<Double>]? {
        guard let index = pointLabels.firstIndex(of: label) ?? pointLabels.firstIndex(where: { $0.uppercased() == label.uppercased() }) else { return nil }
        return pointPositions[index]
    }
}
