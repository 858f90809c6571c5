public import PoseRunCore

/// How the input being validated counts time and frames, so reference events can be stated in the
/// input's own terms.
///
/// `referenceOffsetSeconds` is where the input's clock sits on the reference's clock:
/// input time = reference time − offset. It is 0 when both share a time base (a C3D checked
/// against its own events, or a CSV written in the input's times).
public struct InputTimeBase: Sendable, Hashable {
    /// Input frames per second.
    public var frameRate: Double
    /// The input's number for its first frame.
    public var firstFrameNumber: Int
    /// The input's time of its first frame, seconds.
    public var firstSampleTime: Double
    /// Reference time − input time, seconds.
    public var referenceOffsetSeconds: Double

    public init(frameRate: Double, firstFrameNumber: Int, firstSampleTime: Double, referenceOffsetSeconds: Double = 0) {
        self.frameRate = frameRate
        self.firstFrameNumber = firstFrameNumber
        self.firstSampleTime = firstSampleTime
        self.referenceOffsetSeconds = referenceOffsetSeconds
    }

    /// The time base of marker trajectories (TRC, C3D…) as read.
    public init(_ trajectories: MarkerTrajectories, referenceOffsetSeconds: Double = 0) {
        self.init(frameRate: trajectories.frameRate, firstFrameNumber: trajectories.frameNumbers.first ?? 1,
                  firstSampleTime: trajectories.times.first ?? 0, referenceOffsetSeconds: referenceOffsetSeconds)
    }

    /// A C3D file's own time base: `(frame − 1) / POINT:RATE`, frames numbered as the file does.
    public init(_ file: C3DFile) {
        self.init(frameRate: file.pointRate, firstFrameNumber: file.firstFrameNumber, firstSampleTime: file.firstSampleTime)
    }

    /// A reference time on the input's clock.
    public func inputTime(fromReference referenceTime: Double) -> Double {
        referenceTime - referenceOffsetSeconds
    }

    /// The input frame nearest an input time.
    public func frame(nearest inputTime: Double) -> Int {
        let frames = ((inputTime - firstSampleTime) * frameRate).rounded()
        guard frames.isFinite, abs(frames) < 1e12 else { return firstFrameNumber }
        return firstFrameNumber + Int(frames)
    }

    /// A reference event placed on the input's clock and frame numbering.
    public func event(side: Side, kind: GaitEventKind, referenceTime: Double) -> GaitEvent {
        let time = inputTime(fromReference: referenceTime)
        return GaitEvent(side: side, kind: kind, time: time, frame: frame(nearest: time))
    }
}
